//! Static tables of realistic Australian data the generator draws from.
//! Suburb, state and postcode always belong together.

pub(super) const MALE_FIRST_NAMES: &[&str] = &[
    "Oliver", "Jack", "William", "Noah", "Thomas", "James", "Lucas", "Henry", "Liam", "Ethan",
    "Mason", "Lachlan", "Cooper", "Samuel", "Daniel", "Matthew", "Joshua", "Ryan", "Minh", "Arjun",
    "Mohammed", "Wei", "Hiroshi", "Luca", "Nikolaos",
];

pub(super) const FEMALE_FIRST_NAMES: &[&str] = &[
    "Charlotte",
    "Olivia",
    "Amelia",
    "Isla",
    "Mia",
    "Ava",
    "Grace",
    "Chloe",
    "Sophie",
    "Emily",
    "Ruby",
    "Zoe",
    "Hannah",
    "Jessica",
    "Sarah",
    "Emma",
    "Georgia",
    "Priya",
    "Mei",
    "Linh",
    "Aisha",
    "Yuki",
    "Giulia",
    "Sienna",
    "Matilda",
];

pub(super) const SURNAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Wilson",
    "Taylor",
    "Nguyen",
    "Johnson",
    "Martin",
    "White",
    "Anderson",
    "Walker",
    "Thompson",
    "Tran",
    "Harris",
    "Lee",
    "Ryan",
    "Robinson",
    "Kelly",
    "King",
    "Singh",
    "Patel",
    "Chen",
    "Wang",
    "Li",
    "Kaur",
    "O'Brien",
    "Murphy",
    "Davies",
    "Campbell",
    "Mitchell",
    "Papadopoulos",
    "Rossi",
    "Kowalski",
    "Nakamura",
    "Kim",
    "Ahmed",
    "Hassan",
    "Evans",
    "Clarke",
    "McDonald",
    "Le",
    "Pham",
    "Scott",
    "Young",
];

pub(super) const STREETS: &[&str] = &[
    "George Street",
    "King Street",
    "Smith Street",
    "High Street",
    "Church Street",
    "Victoria Road",
    "Station Street",
    "Park Avenue",
    "Elizabeth Street",
    "Queen Street",
    "Bridge Road",
    "Railway Parade",
    "Wattle Grove",
    "Banksia Crescent",
    "Acacia Court",
    "Beach Road",
    "Hill Street",
    "Jacaranda Drive",
    "Bottlebrush Way",
    "Main Street",
];

/// (suburb, state, postcode)
pub(super) const SUBURBS: &[(&str, &str, &str)] = &[
    ("Parramatta", "NSW", "2150"),
    ("Bondi", "NSW", "2026"),
    ("Newtown", "NSW", "2042"),
    ("Chatswood", "NSW", "2067"),
    ("Penrith", "NSW", "2750"),
    ("Wollongong", "NSW", "2500"),
    ("Newcastle", "NSW", "2300"),
    ("Manly", "NSW", "2095"),
    ("Liverpool", "NSW", "2170"),
    ("Hornsby", "NSW", "2077"),
    ("Fitzroy", "VIC", "3065"),
    ("Richmond", "VIC", "3121"),
    ("St Kilda", "VIC", "3182"),
    ("Geelong", "VIC", "3220"),
    ("Ballarat", "VIC", "3350"),
    ("Box Hill", "VIC", "3128"),
    ("Footscray", "VIC", "3011"),
    ("Bendigo", "VIC", "3550"),
    ("Fortitude Valley", "QLD", "4006"),
    ("Southport", "QLD", "4215"),
    ("Toowoomba", "QLD", "4350"),
    ("Townsville", "QLD", "4810"),
    ("Cairns", "QLD", "4870"),
    ("Indooroopilly", "QLD", "4068"),
    ("Fremantle", "WA", "6160"),
    ("Subiaco", "WA", "6008"),
    ("Joondalup", "WA", "6027"),
    ("Bunbury", "WA", "6230"),
    ("Glenelg", "SA", "5045"),
    ("Norwood", "SA", "5067"),
    ("Mount Gambier", "SA", "5290"),
    ("Sandy Bay", "TAS", "7005"),
    ("Launceston", "TAS", "7250"),
    ("Belconnen", "ACT", "2617"),
    ("Braddon", "ACT", "2612"),
    ("Darwin", "NT", "0800"),
    ("Alice Springs", "NT", "0870"),
    ("Palmerston", "NT", "0830"),
];

/// (BSB prefix, bank name)
pub(super) const BANKS: &[(&str, &str)] = &[
    ("062", "Commonwealth Bank"),
    ("032", "Westpac"),
    ("083", "National Australia Bank"),
    ("013", "ANZ"),
    ("633", "Bendigo Bank"),
    ("923", "ING"),
    ("182", "Macquarie Bank"),
    ("484", "Suncorp"),
];

/// (code, name, USI) of the SuperFund lookup.
pub(super) const SUPER_FUNDS: &[(&str, &str, &str)] = &[
    ("AUSSUPER", "AustralianSuper", "STA0100AU"),
    ("HESTA", "HESTA", "HST0100AU"),
    ("HOSTPLUS", "Hostplus", "HOS0100AU"),
    ("CBUS", "Cbus", "CBU0100AU"),
    ("REST", "Rest", "RES0103AU"),
    ("AWARE", "Aware Super", "FSS0100AU"),
];

/// (code, description) of the Location lookup.
pub(super) const LOCATIONS: &[(&str, &str)] = &[
    ("SYD", "Sydney Office"),
    ("MEL", "Melbourne Office"),
    ("BNE", "Brisbane Warehouse"),
    ("PER", "Perth Depot"),
];

/// (code, description) of the PayFrequency lookup.
pub(super) const PAY_FREQUENCIES: &[(&str, &str)] =
    &[("W", "Weekly"), ("F", "Fortnightly"), ("M", "Monthly")];

/// (code, description) of the Gender lookup.
pub(super) const GENDERS: &[(&str, &str)] = &[
    ("M", "Male"),
    ("F", "Female"),
    ("X", "Indeterminate/Intersex/Unspecified"),
];

/// (code, description) of the Title lookup.
pub(super) const TITLES: &[(&str, &str)] = &[
    ("MR", "Mr"),
    ("MRS", "Mrs"),
    ("MS", "Ms"),
    ("MISS", "Miss"),
    ("DR", "Dr"),
    ("MX", "Mx"),
];

/// (code, description) of the LeaveReason lookup.
pub(super) const LEAVE_REASONS: &[(&str, &str)] = &[
    ("HOL", "Holiday"),
    ("ILL", "Illness"),
    ("CARER", "Caring for a family member"),
    ("APPT", "Medical appointment"),
    ("BEREAVE", "Bereavement"),
    ("COURT", "Court attendance"),
    ("STUDY", "Exam or study"),
    ("OTHER", "Other"),
];

/// (leave type, code, description, active): the three standard categories
/// plus the payroll database's user-defined ones, two of them retired
/// (inactive: "can't be used for new transactions", as LookupView says).
pub(super) const LEAVE_CATEGORIES: &[(&str, &str, &str, bool)] = &[
    ("AnnualLeave", "AL", "Annual Leave", true),
    ("SickLeave", "SL", "Personal/Carer's Leave", true),
    ("LongServiceLeave", "LSL", "Long Service Leave", true),
    ("UserDefinedLeave", "CL", "Compassionate Leave", true),
    (
        "UserDefinedLeave",
        "FDV",
        "Family and Domestic Violence Leave",
        true,
    ),
    ("UserDefinedLeave", "CSL", "Community Service Leave", true),
    ("UserDefinedLeave", "JURY", "Jury Duty", true),
    ("UserDefinedLeave", "PPL", "Paid Parental Leave", true),
    ("UserDefinedLeave", "STUDY", "Study Leave", true),
    ("UserDefinedLeave", "TOIL", "Time Off In Lieu", true),
    (
        "UserDefinedLeave",
        "RDO",
        "Rostered Day Off (retired)",
        false,
    ),
    ("UserDefinedLeave", "CVD", "Pandemic Leave", false),
];
