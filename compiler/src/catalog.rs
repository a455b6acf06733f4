//! The fixed vocabularies a rule is checked against: the Trust Services
//! Criteria (compiled in from `data/tsc-2017.tsv`), the ten categories and the
//! four severities.

/// One Trust Services Criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub id: &'static str,
    pub family: &'static str,
    pub topic: &'static str,
    /// `S` code can show it, `P` partly, `O` organisational only.
    pub evidence: char,
}

const TSC: &str = include_str!("../data/tsc-2017.tsv");

/// All 61 criteria, in the catalog's order.
pub fn criteria() -> Vec<Criterion> {
    TSC.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some(Criterion {
                id: cols.next()?,
                family: cols.next()?,
                topic: cols.next()?,
                evidence: cols.next()?.chars().next()?,
            })
        })
        .collect()
}

pub fn criterion(id: &str) -> Option<Criterion> {
    criteria().into_iter().find(|c| c.id == id)
}

/// The five trust services categories, as `--criteria` names them.
pub const TSC_CATEGORIES: [&str; 5] = [
    "security",
    "availability",
    "processing-integrity",
    "confidentiality",
    "privacy",
];

/// The trust services category of a criterion: the common criteria (CC)
/// are security's; A, PI, C and P are the additional criteria.
pub fn tsc_category(id: &str) -> &'static str {
    if id.starts_with("CC") {
        "security"
    } else if id.starts_with("PI") {
        "processing-integrity"
    } else if id.starts_with('A') {
        "availability"
    } else if id.starts_with('C') {
        "confidentiality"
    } else {
        "privacy"
    }
}

/// The category slugs and the titles the text report prints.
pub const CATEGORIES: [(&str, &str); 10] = [
    ("access-control", "Access control"),
    ("encryption", "Encryption"),
    ("logging", "Logging and monitoring"),
    ("change-management", "Change management"),
    ("incident-response", "Incident response"),
    ("backup", "Backup and recovery"),
    ("network-security", "Network security"),
    ("vulnerability-management", "Vulnerability management"),
    ("input-validation", "Input validation"),
    ("data-protection", "Data protection"),
];

pub fn category_title(slug: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, t)| *t)
        .unwrap_or("Other")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "critical" => Some(Severity::Critical),
            "high" => Some(Severity::High),
            "medium" => Some(Severity::Medium),
            "low" => Some(Severity::Low),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// The closest candidate by edit distance, for "did you mean" help.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_61_criteria() {
        let all = criteria();
        assert_eq!(all.len(), 61);
        assert_eq!(criterion("CC6.1").unwrap().evidence, 'S');
        assert!(criterion("CC9.9").is_none());
        let count = |c: &str| all.iter().filter(|x| tsc_category(x.id) == c).count();
        assert_eq!(
            TSC_CATEGORIES.map(count),
            [33, 3, 5, 2, 18],
            "security, availability, processing integrity, confidentiality, privacy"
        );
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(
            closest("acess-control", CATEGORIES.iter().map(|c| c.0)),
            Some("access-control")
        );
        assert_eq!(closest("zzz", CATEGORIES.iter().map(|c| c.0)), None);
    }
}
