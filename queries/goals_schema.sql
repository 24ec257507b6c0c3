-- Goals, key figures, balanskrav, kassaflöde and the board of each förbund (issue 17): one
-- table per CSV in data/, same column names. Run by the build right after schema.sql, in
-- the same transaction.

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
