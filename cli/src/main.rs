//! The `soc2-check` command; everything but this lives in the library, which
//! the fuzz targets use too.

fn main() -> std::process::ExitCode {
    soc2_check::main()
}
