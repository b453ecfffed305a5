-- The built-in sandbox the user last started ("Try it with sandbox data"), so
-- a restarted app can bring it back on the same ports and the saved
-- connections that point at it keep working. One row at most.
CREATE TABLE sandbox (
    id             INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seed           INTEGER NOT NULL,
    employees      INTEGER NOT NULL CHECK (employees >= 0),
    micropay_port  INTEGER NOT NULL CHECK (micropay_port BETWEEN 1 AND 65535),
    worknice_port  INTEGER NOT NULL CHECK (worknice_port BETWEEN 1 AND 65535),
    started_at     TEXT NOT NULL
) STRICT;
