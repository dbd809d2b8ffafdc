"""Ordered schema migrations. Append new ones; never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "articles, their records with stage provenance, rejections, full-text search",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,            -- sha256 of the normalised text, 16 hex
            source TEXT NOT NULL,           -- where it was first read from
            url TEXT, outlet TEXT, title TEXT, published TEXT, language TEXT NOT NULL,
            text TEXT NOT NULL,
            digest TEXT NOT NULL,           -- hash of the article's full record: unchanged -> nothing to write
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE article_sources (      -- every place the same article was read from
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            PRIMARY KEY (article_id, source)
        );
        CREATE TABLE removals (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, kind TEXT NOT NULL, reason TEXT, text TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE statements (
            id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            speaker_name TEXT, speaker_mention TEXT, speaker_kind TEXT, speaker_actor TEXT,
            cue TEXT, channel TEXT, kind TEXT, content TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            lat REAL, lon REAL, feature TEXT, country TEXT, admin1 TEXT, geonameid INTEGER,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            date_start TEXT, date_end TEXT, precision TEXT,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE events (
            id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT,
            actor_name TEXT, actor_code TEXT, target_name TEXT, target_code TEXT,
            place_name TEXT, lat REAL, lon REAL, date_start TEXT, date_end TEXT, date_precision TEXT,
            status TEXT NOT NULL, according_to TEXT, fatalities INTEGER,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, evidence TEXT NOT NULL,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE stage_errors (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, stage TEXT NOT NULL, error TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE rejections (
            source TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, first_seen TEXT NOT NULL,
            PRIMARY KEY (source, code)
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX statements_speaker ON statements(speaker_name);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        2,
        "corpus links: origins (copy groups), entities, claims and their members",
        """
        CREATE TABLE origins (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            origin_id TEXT NOT NULL,        -- the group's first article: one independent source
            similarity REAL NOT NULL
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT,
            record TEXT NOT NULL
        );
        CREATE TABLE claims (
            id TEXT PRIMARY KEY, summary TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
            event_type TEXT, why TEXT, origin_count INTEGER NOT NULL,
            record TEXT NOT NULL
        );
        CREATE TABLE claim_members (
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            origin_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT, side TEXT NOT NULL, speaker TEXT,
            value TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (claim_id, seq)
        );
        CREATE INDEX claims_status ON claims(status);
        CREATE TABLE link_runs (            -- which linker version produced the links, over which articles
            id INTEGER PRIMARY KEY CHECK (id = 1), stage_version TEXT NOT NULL, articles_digest TEXT NOT NULL
        );
        """,
    ),
    (
        3,
        "rejections name their container file and record index; notes on how an article was read",
        """
        CREATE TABLE rejections_new (
            source TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, first_seen TEXT NOT NULL,
            container TEXT,                 -- the file holding the rejected record...
            record_index INTEGER            -- ...and its position in that file, from 0
        );
        INSERT INTO rejections_new (source, code, reason, first_seen)
            SELECT source, code, reason, first_seen FROM rejections;
        DROP TABLE rejections;
        ALTER TABLE rejections_new RENAME TO rejections;
        -- one row per rejected record: records of different files may share a source (a URL)
        CREATE UNIQUE INDEX rejections_key
            ON rejections(source, code, ifnull(container, ''), ifnull(record_index, -1));
        CREATE TABLE article_notes (        -- repairs made on the way in (encoding, surrogates, URL, windows)
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, code TEXT NOT NULL, detail TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        """,
    ),
)
