-- Schema of the embedded data: one table per CSV in data/, same column names.
-- The build runs this file inside one transaction after dropping schema `embedded`,
-- so the embedded data is replaced whole or not at all. User data (imports, scenarios)
-- lives in schema `user_data`, which the build never touches.

CREATE SCHEMA embedded;

CREATE TYPE embedded.matt AS ENUM ('budget', 'utfall', 'prognos', 'förväntat utfall', 'bokslut');
CREATE TYPE embedded.kategori AS ENUM ('intäkt', 'administration', 'individinsats', 'strukturinsats');
CREATE TYPE embedded.variant AS ENUM ('slutlig', 'preliminär');
CREATE TYPE embedded.enhet_i_kallan AS ENUM ('kr', 'tkr');
CREATE TYPE embedded.summatyp AS ENUM ('intäkter', 'kostnader', 'kategori', 'resultat', 'totalt', 'annan');
CREATE TYPE embedded.medlemstyp AS ENUM ('kommun', 'region', 'stat');
CREATE TYPE embedded.insatstyp AS ENUM ('individinsats', 'strukturinsats');

CREATE TABLE embedded.dokument (
    dokument VARCHAR NOT NULL PRIMARY KEY,
    titel VARCHAR NOT NULL,
    utgivare VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    beslutad VARCHAR
);

CREATE TABLE embedded.forbund (
    forbund VARCHAR NOT NULL PRIMARY KEY,
    kortnamn VARCHAR NOT NULL,
    fran_ar INTEGER,
    till_ar INTEGER,
    ersatt_av VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.kommuner (
    kommunkod VARCHAR NOT NULL PRIMARY KEY,
    kommun VARCHAR NOT NULL,
    lan_kod VARCHAR NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.members (
    forbund VARCHAR NOT NULL,
    medlem VARCHAR NOT NULL,
    medlemstyp embedded.medlemstyp NOT NULL,
    kommunkod VARCHAR,
    fran_ar INTEGER,
    till_ar INTEGER,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.budget_lines (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    matt embedded.matt NOT NULL,
    variant embedded.variant NOT NULL,
    post VARCHAR NOT NULL,
    kategori embedded.kategori NOT NULL,
    rubrik VARCHAR,
    belopp BIGINT NOT NULL,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.balance_items (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    matt embedded.matt NOT NULL,
    variant embedded.variant NOT NULL,
    post VARCHAR NOT NULL,
    belopp BIGINT NOT NULL,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.printed_totals (
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    post VARCHAR NOT NULL,
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    matt embedded.matt NOT NULL,
    variant embedded.variant NOT NULL,
    summatyp embedded.summatyp NOT NULL,
    belopp BIGINT NOT NULL,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    summerar VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.printed_deviations (
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    post VARCHAR NOT NULL,
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    minuend_matt embedded.matt NOT NULL,
    subtrahend_matt embedded.matt NOT NULL,
    belopp BIGINT NOT NULL,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.contributions (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    medlem VARCHAR NOT NULL,
    matt embedded.matt NOT NULL,
    variant embedded.variant NOT NULL,
    belopp BIGINT NOT NULL,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.insatser (
    insats_id VARCHAR NOT NULL,
    namn VARCHAR NOT NULL,
    insatstyp embedded.insatstyp NOT NULL,
    forbund VARCHAR NOT NULL,
    kommunkoder VARCHAR,
    fran_ar INTEGER,
    till_ar INTEGER,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.insats_posts (
    forbund VARCHAR NOT NULL,
    post VARCHAR NOT NULL,
    insats_id VARCHAR NOT NULL
);

CREATE TABLE embedded.staffing (
    insats_id VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    roll VARCHAR NOT NULL,
    arbetsgivare VARCHAR,
    fte DECIMAL(6, 2),
    finansieras_av VARCHAR,
    fte_finansierat DECIMAL(6, 2),
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.capacity (
    insats_id VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    matt VARCHAR NOT NULL,
    varde_text VARCHAR NOT NULL,
    varde_min DOUBLE,
    varde_max DOUBLE,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.participants (
    forbund VARCHAR NOT NULL,
    insats_id VARCHAR,
    omfattning VARCHAR,
    ar INTEGER NOT NULL,
    period VARCHAR,
    matt VARCHAR NOT NULL,
    varde DOUBLE,
    enhet VARCHAR NOT NULL,
    varde_text VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.helarsekvivalenter_dokument (
    omrade VARCHAR NOT NULL,
    omradeskod VARCHAR,
    ar INTEGER NOT NULL,
    matt VARCHAR NOT NULL,
    varde DOUBLE,
    enhet VARCHAR NOT NULL,
    varde_text VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.helarsekvivalenter_rangordning (
    ar INTEGER NOT NULL,
    aldersgrupp VARCHAR NOT NULL,
    lage VARCHAR NOT NULL,
    ordning INTEGER NOT NULL,
    kommun VARCHAR NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.calendar (
    forbund VARCHAR NOT NULL,
    datum DATE NOT NULL,
    motestyp VARCHAR NOT NULL,
    beskrivning VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.indikatorer (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    respondentgrupp VARCHAR NOT NULL,
    fraga_nr VARCHAR,
    fraga VARCHAR NOT NULL,
    svar VARCHAR NOT NULL,
    andel DOUBLE,
    antal_svar INTEGER,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

CREATE TABLE embedded.targets (
    forbund VARCHAR NOT NULL,
    fran_ar INTEGER NOT NULL,
    till_ar INTEGER,
    styrtal VARCHAR NOT NULL,
    jamforelse VARCHAR NOT NULL,
    varde DOUBLE NOT NULL,
    enhet VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL
);

-- Reference statistics (SCB and its republishers): `kalla` names the source of each row.
CREATE TABLE embedded.befolkning (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    befolkning_20_64 INTEGER NOT NULL,
    kalla VARCHAR NOT NULL
);

CREATE TABLE embedded.ekonomiskt_bistand (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    bistandshushall INTEGER,
    utbetalt_kr BIGINT,
    kalla VARCHAR NOT NULL
);

CREATE TABLE embedded.helarsekvivalenter_riket (
    ar INTEGER NOT NULL,
    ersattningssystem VARCHAR NOT NULL,
    helarsekvivalenter INTEGER NOT NULL,
    kalla VARCHAR NOT NULL
);

CREATE TABLE embedded.helarsekvivalenter_riket_andel (
    ar INTEGER NOT NULL,
    befolkning_20_64 INTEGER NOT NULL,
    andel_procent DECIMAL(5, 1) NOT NULL,
    kalla VARCHAR NOT NULL
);

CREATE TABLE embedded.helarsekvivalenter_punkter (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    helarsekvivalenter INTEGER,
    andel_procent DECIMAL(5, 1),
    kalla VARCHAR NOT NULL
);

-- Public statistics per kommun, county (19) and country (00), long form: one row a value as a
-- publisher prints it, with the original source, the page and table it was read from, the
-- page's "senast uppdaterad" date and the date it was read (data/README.md).
CREATE TABLE embedded.kommunstatistik (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    matt VARCHAR NOT NULL,
    grupp VARCHAR NOT NULL,
    varde DOUBLE NOT NULL,
    enhet VARCHAR NOT NULL,
    varde_text VARCHAR NOT NULL,
    kalla VARCHAR,  -- the original source where the page names one
    utgivare VARCHAR NOT NULL,
    sida VARCHAR NOT NULL,
    tabell VARCHAR NOT NULL,
    senast_uppdaterad DATE,
    last DATE NOT NULL
);

-- Where two published pages print one figure differently (the newer is kept in
-- kommunstatistik), or a printed figure was left out as impossible to read: shown on Datakvalitet.
CREATE TABLE embedded.kommunstatistik_avvikelser (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    matt VARCHAR NOT NULL,
    grupp VARCHAR NOT NULL,
    behallet VARCHAR,
    behallet_sida VARCHAR,
    behallet_uppdaterad DATE,
    annat VARCHAR NOT NULL,
    annat_sida VARCHAR NOT NULL,
    annat_uppdaterad DATE,
    anmarkning VARCHAR NOT NULL
);

-- Goals, key figures, balanskrav, kassaflöde and the board of each förbund (issue 17).
CREATE TYPE embedded.jamforelse AS ENUM ('minst', 'högst', 'ca', 'kvalitativt');
CREATE TYPE embedded.bedomning AS ENUM ('uppnått', 'delvis', 'ej uppnått');

-- A goal a förbund set itself for a year, with the outcome where a document prints one.
CREATE TABLE embedded.goals (
    mal_id VARCHAR NOT NULL PRIMARY KEY,
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    omrade VARCHAR NOT NULL,
    mal VARCHAR NOT NULL,
    matt VARCHAR NOT NULL,
    jamforelse embedded.jamforelse NOT NULL,
    malvarde DOUBLE,
    enhet VARCHAR NOT NULL,
    malvarde_text VARCHAR,
    utfall DOUBLE,
    utfall_text VARCHAR,
    bedomning embedded.bedomning,
    -- how the assessment was made: angiven (the document states it in words) or avläst (read
    -- from the document's marks and comments, e.g. 003 bilaga 1's colours); empty without one
    bedomning_grund VARCHAR,
    utfall_dokument VARCHAR,
    utfall_avsnitt VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

-- Key figures as printed: shares, counts and amounts that are no line of a budget.
CREATE TABLE embedded.nyckeltal (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    matt embedded.matt NOT NULL,
    nyckeltal VARCHAR NOT NULL,
    varde DOUBLE NOT NULL,
    enhet VARCHAR NOT NULL,
    enhet_i_kallan VARCHAR NOT NULL,
    varde_text VARCHAR NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

-- The balanskravsutredning and the kassaflödesanalys of an årsredovisning, row by row;
-- `summerar` names the rows a total sums (as in printed_totals).
CREATE TABLE embedded.balanskrav (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    post VARCHAR NOT NULL,
    belopp BIGINT,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    summerar VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

CREATE TABLE embedded.kassaflode (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    tabell VARCHAR NOT NULL,
    rad INTEGER NOT NULL,
    post VARCHAR NOT NULL,
    belopp BIGINT,
    enhet_i_kallan embedded.enhet_i_kallan NOT NULL,
    summerar VARCHAR,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);

-- The board and the kansli: ledamöter and ersättare (per member where printed), meetings, staff.
CREATE TABLE embedded.styrelse (
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    organ VARCHAR NOT NULL,
    medlem VARCHAR,
    roll VARCHAR NOT NULL,
    antal DOUBLE,
    antal_text VARCHAR NOT NULL,
    dokument VARCHAR NOT NULL,
    avsnitt VARCHAR NOT NULL,
    anmarkning VARCHAR
);
