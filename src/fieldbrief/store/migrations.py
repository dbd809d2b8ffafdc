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
        "publication-date evidence on articles; detention counts on events",
        """
        ALTER TABLE articles ADD COLUMN published_from TEXT;       -- input|metadata|dateline|inferred
        ALTER TABLE articles ADD COLUMN published_evidence TEXT;   -- JSON list of {field, text, start, end}
        ALTER TABLE events ADD COLUMN captured INTEGER;
        CREATE INDEX events_date ON events(date_start);
        """,
    ),
    (
        4,
        "the web app's read model: event facets kept by triggers, per-article link state, browsing indexes",
        """
        -- One row per event with what the map, timeline and filters read. Triggers on `events` keep it in step
        -- with every writer; `day` is the event's date, else the article's publication date ('reported').
        CREATE TABLE event_facets (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            day TEXT, day_end TEXT, precision TEXT,
            type TEXT NOT NULL, acled_type TEXT, status TEXT NOT NULL,
            actor_code TEXT, actor_name TEXT COLLATE NOCASE, target_code TEXT, target_name TEXT COLLATE NOCASE,
            place_name TEXT, lat REAL, lon REAL, feature TEXT, country TEXT,
            fatalities INTEGER,
            origin_id TEXT,                 -- the article's copy group, kept by triggers on `origins`
            PRIMARY KEY (article_id, seq)
        );
        CREATE TRIGGER event_facets_insert AFTER INSERT ON events BEGIN
            INSERT OR REPLACE INTO event_facets
            SELECT new.article_id, new.seq, new.id,
                   COALESCE(substr(new.date_start, 1, 10), substr(a.published, 1, 10)),
                   COALESCE(substr(new.date_end, 1, 10), substr(new.date_start, 1, 10), substr(a.published, 1, 10)),
                   CASE WHEN new.date_start IS NOT NULL THEN COALESCE(new.date_precision, 'day')
                        WHEN a.published IS NOT NULL THEN 'reported' END,
                   new.type, new.acled_event_type, new.status,
                   new.actor_code, new.actor_name, new.target_code, new.target_name,
                   new.place_name, new.lat, new.lon,
                   json_extract(new.record, '$.place.feature'), json_extract(new.record, '$.place.country'),
                   new.fatalities, (SELECT origin_id FROM origins WHERE article_id = new.article_id)
            FROM (SELECT 1) LEFT JOIN articles a ON a.id = new.article_id;
        END;
        CREATE TRIGGER event_facets_delete AFTER DELETE ON events BEGIN
            DELETE FROM event_facets WHERE article_id = old.article_id AND seq = old.seq;
        END;
        INSERT INTO event_facets
        SELECT e.article_id, e.seq, e.id,
               COALESCE(substr(e.date_start, 1, 10), substr(a.published, 1, 10)),
               COALESCE(substr(e.date_end, 1, 10), substr(e.date_start, 1, 10), substr(a.published, 1, 10)),
               CASE WHEN e.date_start IS NOT NULL THEN COALESCE(e.date_precision, 'day')
                    WHEN a.published IS NOT NULL THEN 'reported' END,
               e.type, e.acled_event_type, e.status,
               e.actor_code, e.actor_name, e.target_code, e.target_name,
               e.place_name, e.lat, e.lon,
               json_extract(e.record, '$.place.feature'), json_extract(e.record, '$.place.country'), e.fatalities,
               (SELECT origin_id FROM origins WHERE article_id = e.article_id)
        FROM events e JOIN articles a ON a.id = e.article_id;
        CREATE TRIGGER event_facets_origin_insert AFTER INSERT ON origins BEGIN
            UPDATE event_facets SET origin_id = new.origin_id WHERE article_id = new.article_id;
        END;
        CREATE TRIGGER event_facets_origin_update AFTER UPDATE ON origins BEGIN
            UPDATE event_facets SET origin_id = new.origin_id WHERE article_id = new.article_id;
        END;
        CREATE TRIGGER event_facets_origin_delete AFTER DELETE ON origins BEGIN
            UPDATE event_facets SET origin_id = NULL WHERE article_id = old.article_id;
        END;
        CREATE INDEX event_facets_day ON event_facets(day);
        CREATE INDEX event_facets_place ON event_facets(lat, lon);
        CREATE INDEX event_facets_event ON event_facets(event_id);
        CREATE INDEX event_facets_actor ON event_facets(actor_code);
        CREATE INDEX event_facets_actor_name ON event_facets(actor_name);

        -- Which stored version of each article the stored links were computed from: what changed since is what
        -- an incremental re-link must look at. A full link run (a new link_runs row) covers every article.
        CREATE TABLE link_articles (article_id TEXT PRIMARY KEY, digest TEXT NOT NULL, version TEXT NOT NULL);
        CREATE TRIGGER link_articles_full AFTER INSERT ON link_runs BEGIN
            DELETE FROM link_articles;
            INSERT INTO link_articles SELECT id, digest, new.stage_version FROM articles;
        END;
        INSERT INTO link_articles
        SELECT a.id, a.digest, r.stage_version FROM articles a JOIN origins o ON o.article_id = a.id, link_runs r;

        CREATE INDEX claim_members_record ON claim_members(record_id);
        CREATE INDEX claim_members_article ON claim_members(article_id);
        CREATE INDEX claims_origin_count ON claims(status, origin_count);
        CREATE INDEX origins_origin ON origins(origin_id);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX statements_actor ON statements(speaker_actor);
        CREATE INDEX places_located ON places(lat, lon);
        CREATE INDEX places_name ON places(name);
        """,
    ),
    (
        5,
        "statements: mode (speech, belief, intention, document)",
        """
        ALTER TABLE statements ADD COLUMN mode TEXT NOT NULL DEFAULT 'speech';
        CREATE INDEX statements_mode ON statements(mode);
        """,
    ),
    (
        6,
        "the parse linking reads (sentences: spans, lemmas, main clause) and figures (counts of people harmed)",
        """
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE figures (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, kind TEXT NOT NULL, low INTEGER, high INTEGER, qualifier TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, source TEXT,
            stage TEXT NOT NULL, stage_version TEXT NOT NULL, record TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        """,
    ),
    (
        7,
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
    (
        8,
        "statements: parts (JSON [[start, end], ...], the speaker's own words inside a split quote's span)",
        """
        ALTER TABLE statements ADD COLUMN parts TEXT;
        UPDATE statements SET parts = json_array(json_array(start, "end"));
        """,
    ),
    (
        9,
        "statements: factuality (asserted, negated, hypothetical) and attribution (sourced, unattributed, unresolved)",
        """
        ALTER TABLE statements ADD COLUMN factuality TEXT NOT NULL DEFAULT 'asserted';
        ALTER TABLE statements ADD COLUMN attribution TEXT NOT NULL DEFAULT 'sourced';
        CREATE INDEX statements_factuality ON statements(factuality, attribution);
        """,
    ),
)
