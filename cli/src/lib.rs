//! The `soc2-check` command line: the only crate that does I/O.

pub mod baseline;
mod changed;
mod ci_formats;
pub mod config;
mod controls_cmd;
mod diagnostics;
mod docs_cmd;
mod endpoints_cmd;
mod escape;
mod evidence_cmd;
mod git;
mod html;
mod lsp;
mod output;
mod prepare;
mod report;
mod rules_cmd;
mod ruleset;
mod sarif;
mod scan;
mod style;
mod suppress;
mod testing;
mod walk;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use soc2_compiler::catalog::{self, Severity};

/// Checks JavaScript and Python code bases against SOC 2.
#[derive(Parser, Debug)]
#[command(name = "soc2-check", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    scan: ScanArgs,
}

#[derive(Args, Debug)]
struct RuleArgs {
    /// A rule file or a directory of them, on top of the bundled rules (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Leave out the bundled rules (use with --rules).
    #[arg(long)]
    no_stdlib: bool,
    /// The configuration file (default: the nearest soc2-check.toml in the scanned directory or above, or the current directory's).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl RuleArgs {
    /// What the command line asks of the one preparation.
    fn request<'a>(
        &'a self,
        path: &'a std::path::Path,
        criteria: Option<&CriteriaArgs>,
        max_file_size: Option<&'a str>,
        no_default_ignores: bool,
    ) -> Result<prepare::Request<'a>, CliError> {
        Ok(prepare::Request {
            path,
            config: self.config.as_deref(),
            rules: &self.rules,
            no_stdlib: self.no_stdlib,
            criteria: criteria.map(|c| c.scope()).transpose()?.unwrap_or_default(),
            max_file_size,
            no_default_ignores,
        })
    }

    /// The rules of a command that does not scan, with the configuration
    /// of the current directory.
    fn load(&self) -> Result<ruleset::LoadedRules, CliError> {
        let here = std::path::Path::new(".");
        prepare::rules(&prepare::options(&self.request(here, None, None, false)?)?)
    }
}

#[derive(Args, Debug)]
struct ScanArgs {
    /// The file or directory to scan.
    #[arg(long, value_name = "PATH", default_value = ".")]
    path: PathBuf,
    /// Report only these severities (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "LEVELS")]
    severity: Vec<Level>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Text)]
    format: ScanFormat,
    /// Also write the report to a file, its format taken from the extension (.sarif, .json, .xml, .md, .html, .txt) or given as FORMAT=PATH (repeatable).
    #[arg(long, value_name = "PATH")]
    output: Vec<String>,
    /// Report only findings that are not in this baseline (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings on lines changed since this git revision (and in untracked files).
    #[arg(long, value_name = "GIT_REF")]
    changed_since: Option<String>,
    /// Write the fingerprints of today's findings to FILE, for --baseline; exits 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Exit with status 1 when a finding at or above this level is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Low, value_name = "LEVEL")]
    fail_on: FailOn,
    /// Skip source files larger than this (e.g. 2MB, 512KB; default 2MB, or the configuration's).
    #[arg(long, value_name = "SIZE")]
    max_file_size: Option<String>,
    /// Also scan dependency, virtualenv and build directories (node_modules, venv, dist…).
    #[arg(long)]
    no_default_ignores: bool,
    /// Print no report on standard output and no progress (files named by --output are still written; the exit status says the rest).
    #[arg(long, short)]
    quiet: bool,
    /// Print where the time went on standard error: per phase, and the slowest rules and files.
    #[arg(long)]
    time: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    criteria: CriteriaArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args, Debug)]
struct CriteriaArgs {
    /// Only these trust services categories (comma-separated): security, availability, processing-integrity, confidentiality, privacy.
    #[arg(long = "criteria", value_delimiter = ',', value_name = "CATEGORIES")]
    criteria: Vec<String>,
}

impl CriteriaArgs {
    fn scope(&self) -> Result<Vec<String>, CliError> {
        for c in &self.criteria {
            if !catalog::TSC_CATEGORIES.contains(&c.as_str()) {
                return Err(CliError::Usage(format!(
                    "unknown trust services category `{c}` in --criteria; the categories are {}",
                    catalog::TSC_CATEGORIES.join(", ")
                )));
            }
        }
        Ok(self.criteria.clone())
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run rule tests: annotated fixtures next to each rule (the bundled rules' by default).
    Test {
        /// Rule files or directories to test.
        paths: Vec<PathBuf>,
        /// Leave out the bundled rules (their definitions too).
        #[arg(long)]
        no_stdlib: bool,
        /// The configuration file whose `rules-dirs` are loaded (default: the current directory's soc2-check.toml).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a rule's query plan: prefilter literals, node kinds, tree-sitter queries, residual checks.
    Explain {
        rule_id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// List every HTTP endpoint with the controls that guard it (authentication, authorisation, rate limit, audit logging, input validation) and how each was established.
    Endpoints {
        /// The file or directory to scan.
        #[arg(long, value_name = "PATH", default_value = ".")]
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Skip source files larger than this (e.g. 2MB, 512KB; default 2MB, or the configuration's).
        #[arg(long, value_name = "SIZE")]
        max_file_size: Option<String>,
        /// Also scan dependency, virtualenv and build directories.
        #[arg(long)]
        no_default_ignores: bool,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// The SOC 2 criteria report: for each criterion, what code can show, the rules that cover it, findings by severity, the evidence found, a status, and a compliance score.
    Controls {
        /// The file or directory to scan.
        #[arg(long, value_name = "PATH", default_value = ".")]
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Skip source files larger than this (e.g. 2MB, 512KB).
        #[arg(long, value_name = "SIZE")]
        max_file_size: Option<String>,
        /// Also scan dependency, virtualenv and build directories.
        #[arg(long)]
        no_default_ignores: bool,
        #[command(flatten)]
        criteria: CriteriaArgs,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write the audit evidence bundle into OUTPUT: the criteria report (HTML, JSON, text), the endpoint inventory, all findings with suppressions (JSON, SARIF), the rule set with its hash, and a manifest (version, git commit, time, file hashes).
    Evidence {
        /// The file or directory to scan.
        #[arg(long, value_name = "PATH", default_value = ".")]
        path: PathBuf,
        /// The directory to write (created; must be outside the scanned tree).
        #[arg(long, value_name = "DIR")]
        output: PathBuf,
        /// Skip source files larger than this.
        #[arg(long, value_name = "SIZE")]
        max_file_size: Option<String>,
        /// Also scan dependency, virtualenv and build directories.
        #[arg(long)]
        no_default_ignores: bool,
        #[command(flatten)]
        criteria: CriteriaArgs,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the language server (LSP over stdio): live findings in the editor, across files.
    Lsp,
    /// List, show or eject the rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// List the rules with severity, category and criteria.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show a rule's documentation and source.
    Show {
        rule_id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write one Markdown page per rule (and an index) into DIR.
    Docs {
        dir: PathBuf,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Copy the bundled rules and their tests into DIR, to fork them.
    Eject {
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// The formats of a scan report.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ScanFormat {
    Text,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML: a test case per rule, a failure per finding.
    Junit,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// One self-contained HTML page: score, findings, criteria, endpoints.
    Html,
}

impl ScanFormat {
    /// `report.sarif` → SARIF; `sarif=out.log` says it explicitly.
    fn of_output(spec: &str) -> Result<(ScanFormat, PathBuf), CliError> {
        if let Some((name, path)) = spec.split_once('=') {
            // The extensions' short names are accepted as format names too.
            let name = match name.to_ascii_lowercase().as_str() {
                "md" => "markdown".to_string(),
                "txt" => "text".to_string(),
                "xml" => "junit".to_string(),
                "htm" => "html".to_string(),
                other => other.to_string(),
            };
            let name = name.as_str();
            let f = ScanFormat::from_str(name, true).map_err(|_| {
                CliError::Usage(format!(
                    "unknown output format `{name}` in --output {spec}; formats: text, json, sarif, junit, markdown, html"
                ))
            })?;
            return Ok((f, PathBuf::from(path)));
        }
        let lower = spec.to_ascii_lowercase();
        let f = if lower.ends_with(".sarif") || lower.ends_with(".sarif.json") {
            ScanFormat::Sarif
        } else if lower.ends_with(".json") {
            ScanFormat::Json
        } else if lower.ends_with(".xml") || lower.ends_with(".junit") {
            ScanFormat::Junit
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            ScanFormat::Markdown
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            ScanFormat::Html
        } else if lower.ends_with(".txt") || lower.ends_with(".text") || lower.ends_with(".log") {
            ScanFormat::Text
        } else {
            return Err(CliError::Usage(format!(
                "cannot tell the format of --output {spec} from its extension (.sarif, .json, .xml, .md, .html, .txt); write FORMAT=PATH, e.g. sarif={spec}"
            )));
        };
        Ok((f, PathBuf::from(spec)))
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Level {
    Critical,
    High,
    Medium,
    Low,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Critical => Severity::Critical,
            Level::High => Severity::High,
            Level::Medium => Severity::Medium,
            Level::Low => Severity::Low,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    /// Never fail because of findings.
    Never,
}

/// Why the command failed; each maps to exit status 2.
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    /// Rule files have problems (already printed).
    Rules,
}

/// The command line: parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(CliError::Usage(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
        Err(CliError::Rules) => ExitCode::from(2),
    }
}

fn run(cli: Cli) -> Result<u8, CliError> {
    match cli.command {
        None => run_scan(cli.scan),
        Some(Command::Test {
            paths,
            no_stdlib,
            config,
        }) => {
            let rules = RuleArgs {
                rules: paths.clone(),
                no_stdlib: no_stdlib && !paths.is_empty(),
                config,
            };
            let here = std::path::Path::new(".");
            let opts = prepare::options(&rules.request(here, None, None, false)?)?;
            Ok(if testing::run(&paths, &opts)? { 0 } else { 1 })
        }
        Some(Command::Explain { rule_id, rules }) => {
            print!("{}", rules_cmd::explain(&rules.load()?, &rule_id)?);
            Ok(0)
        }
        Some(Command::Endpoints {
            path,
            format,
            max_file_size,
            no_default_ignores,
            rules,
        }) => {
            let req = rules.request(&path, None, max_file_size.as_deref(), no_default_ignores)?;
            let mut opts = prepare::walk(prepare::options(&req)?);
            // The inventory is about every endpoint, whatever --criteria says.
            opts.scope.clear();
            let (endpoints, result) = endpoints_cmd::inventory(&opts)?;
            match format {
                Format::Text => print!(
                    "{}",
                    endpoints_cmd::text(&endpoints, &result, style::Style::detect_stdout())
                ),
                Format::Json => print!("{}", endpoints_cmd::json(&endpoints, &result)),
            }
            Ok(0)
        }
        Some(Command::Controls {
            path,
            format,
            max_file_size,
            no_default_ignores,
            criteria,
            rules,
        }) => {
            let req = rules.request(
                &path,
                Some(&criteria),
                max_file_size.as_deref(),
                no_default_ignores,
            )?;
            let (mut loaded, opts) = prepare::scan(prepare::options(&req)?)?;
            let scope = opts.scope.clone();
            let (result, covered) = controls_cmd::scan(&mut loaded, &opts);
            let (report, score) = controls_cmd::build(&result, &covered, &scope);
            match format {
                Format::Text => print!(
                    "{}",
                    controls_cmd::text(
                        &report,
                        &score,
                        &result,
                        &scope,
                        style::Style::detect_stdout()
                    )
                ),
                Format::Json => print!("{}", controls_cmd::json(&report, &score, &scope)),
            }
            Ok(0)
        }
        Some(Command::Evidence {
            path,
            output,
            max_file_size,
            no_default_ignores,
            criteria,
            rules,
        }) => {
            let req = rules.request(
                &path,
                Some(&criteria),
                max_file_size.as_deref(),
                no_default_ignores,
            )?;
            let (mut loaded, opts) = prepare::scan(prepare::options(&req)?)?;
            let msg = evidence_cmd::write(&output, &opts, &mut loaded)?;
            print!("{msg}");
            Ok(0)
        }
        Some(Command::Lsp) => lsp::run(),
        Some(Command::Rules { command }) => {
            match command {
                RulesCommand::List { rules } => print!("{}", rules_cmd::list(&rules.load()?)),
                RulesCommand::Show { rule_id, rules } => {
                    print!("{}", rules_cmd::show(&rules.load()?, &rule_id)?)
                }
                RulesCommand::Docs { dir, rules } => {
                    print!("{}", docs_cmd::write(&rules.load()?, &dir)?)
                }
                RulesCommand::Eject { dir, force } => print!("{}", rules_cmd::eject(&dir, force)?),
            }
            Ok(0)
        }
    }
}

fn run_scan(args: ScanArgs) -> Result<u8, CliError> {
    let t_start = std::time::Instant::now();
    if !args.path.exists() {
        return Err(CliError::Usage(format!(
            "path `{}` does not exist",
            args.path.display()
        )));
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| CliError::Usage(format!("cannot start {n} threads: {e}")))?;
    }
    let known = args.baseline.as_deref().map(baseline::read).transpose()?;
    let changes = args
        .changed_since
        .as_deref()
        .map(|rev| changed::Changes::since(&args.path, rev))
        .transpose()?;
    let req = args.rules.request(
        &args.path,
        Some(&args.criteria),
        args.max_file_size.as_deref(),
        args.no_default_ignores,
    )?;
    let (mut loaded, opts) = prepare::scan(prepare::options(&req)?)?;
    if args.time {
        soc2_engine::timing::enable();
    }
    let mut opts = opts;
    // A progress line only where someone watches it.
    opts.progress = !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let covered = controls_cmd::coverage(&loaded, &opts);
    let mut result = scan::scan(&mut loaded, &opts);
    let outputs: Vec<(ScanFormat, PathBuf)> = args
        .output
        .iter()
        .map(|o| ScanFormat::of_output(o))
        .collect::<Result<_, _>>()?;
    if let Some(known) = &known {
        result.baselined = result
            .findings
            .iter()
            .filter(|f| known.contains(&f.finding.fingerprint))
            .count();
    }
    let wanted: Vec<Severity> = args.severity.iter().map(|l| l.severity()).collect();
    let shown: Vec<&scan::Reported> = result
        .findings
        .iter()
        .filter(|f| wanted.is_empty() || wanted.contains(&f.rule.severity))
        .filter(|f| {
            !known
                .as_ref()
                .is_some_and(|k| k.contains(&f.finding.fingerprint))
        })
        .filter(|f| {
            changes.as_ref().is_none_or(|c| {
                c.touches(&f.finding.path, f.finding.start.line, f.finding.end.line)
            })
        })
        .collect();
    if let Some(path) = &args.write_baseline {
        let all: Vec<&scan::Reported> = result.findings.iter().collect();
        baseline::write(path, &all)?;
        eprintln!(
            "wrote a baseline of {} finding{} to {}",
            all.len(),
            if all.len() == 1 { "" } else { "s" },
            path.display()
        );
    }
    // The HTML page also shows the criteria and the endpoint inventory,
    // which takes a scan of its own.
    let wants_html =
        args.format == ScanFormat::Html || outputs.iter().any(|(f, _)| *f == ScanFormat::Html);
    let html_page = if wants_html {
        let shown_result = &result;
        let (criteria, score) = controls_cmd::build(shown_result, &covered, &opts.scope);
        let mut all = opts.clone();
        all.scope.clear();
        all.progress = false;
        let (endpoints, _) = endpoints_cmd::inventory(&all)?;
        Some(html::render(&html::HtmlInput {
            title: &args.path.display().to_string(),
            result: shown_result,
            findings: &shown,
            criteria: &criteria,
            score: &score,
            endpoints: &endpoints,
        }))
    } else {
        None
    };
    let render = |f: ScanFormat, style: style::Style| match f {
        ScanFormat::Html => html_page.clone().unwrap_or_default(),
        ScanFormat::Text => report::text(&result, &shown, style),
        ScanFormat::Json => report::json(&result, &shown),
        ScanFormat::Sarif => sarif::render(&result, &shown),
        ScanFormat::Junit => ci_formats::junit(&result, &shown),
        ScanFormat::Markdown => ci_formats::markdown(&result, &shown),
    };
    // Writing a baseline says what it wrote, not the report it accepts.
    if !args.quiet && args.write_baseline.is_none() {
        print!("{}", render(args.format, style::Style::detect_stdout()));
    }
    for (f, path) in &outputs {
        output::write(path, render(*f, style::Style::plain()))?;
    }
    let threshold = match args.fail_on {
        FailOn::Never => None,
        FailOn::Critical => Some(Severity::Critical),
        FailOn::High => Some(Severity::High),
        FailOn::Medium => Some(Severity::Medium),
        FailOn::Low => Some(Severity::Low),
    };
    if args.time {
        eprint!("{}", time_report(&result, t_start.elapsed()));
    }
    // Writing a baseline accepts today's findings.
    let failing = args.write_baseline.is_none()
        && threshold.is_some_and(|t| shown.iter().any(|f| f.rule.severity >= t));
    Ok(u8::from(failing))
}

/// `--time`: the phases of the scan, then the slowest rules (their formula
/// evaluation; the queries of all rules share one walk per file, counted
/// apart) and files.
fn time_report(result: &scan::ScanResult, total: std::time::Duration) -> String {
    use std::fmt::Write as _;
    let ms = |d: std::time::Duration| format!("{:>9.1} ms", d.as_secs_f64() * 1000.0);
    let mut out = String::from("time:\n");
    for (phase, d) in &result.phases {
        let _ = writeln!(out, "  {} {phase}", ms(*d));
    }
    let _ = writeln!(
        out,
        "  {} in all (with loading the rules and writing reports)",
        ms(total)
    );
    out.push_str("slowest rules (summed over files and threads):\n");
    for (rule, d) in soc2_engine::timing::totals().iter().take(10) {
        let _ = writeln!(out, "  {} {rule}", ms(*d));
    }
    out.push_str("slowest files:\n");
    for (file, d) in &result.slowest_files {
        let _ = writeln!(out, "  {} {file}", ms(*d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `FORMAT=PATH` takes the formats' names and the extensions' short
    /// names alike: `.md` is accepted, so is `md=`.
    #[test]
    fn output_formats_by_name_and_by_extension() {
        for (spec, want) in [
            ("md=out", ScanFormat::Markdown),
            ("markdown=out", ScanFormat::Markdown),
            ("report.md", ScanFormat::Markdown),
            ("txt=out", ScanFormat::Text),
            ("xml=out", ScanFormat::Junit),
            ("JUNIT=out", ScanFormat::Junit),
            ("htm=out", ScanFormat::Html),
            ("sarif=results.log", ScanFormat::Sarif),
            ("r.sarif.json", ScanFormat::Sarif),
        ] {
            let (f, _) = ScanFormat::of_output(spec).unwrap_or_else(|_| panic!("{spec}"));
            assert_eq!(f, want, "{spec}");
        }
        assert!(ScanFormat::of_output("pdf=out").is_err());
        assert!(ScanFormat::of_output("report").is_err());
    }
}
