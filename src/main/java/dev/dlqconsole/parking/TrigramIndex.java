package dev.dlqconsole.parking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.Directory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2's text search: a Lucene index of every parked message's search text cut into trigrams, each at
 * its position, so a term is found as the phrase of its trigrams (exactly where the text contains it
 * as a substring). Sorted by message id, newest first, so the first page of a search stops early.
 * It lives beside the database file and follows the parking lot after each commit; at start-up it is
 * reconciled with the table (what a crash left out is added, what was purged is removed), and until
 * then the query itself searches (a scan, slower but the same answers). See docs/decisions/008.
 */
final class TrigramIndex implements MessageSearch, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrigramIndex.class);
    private static final String ID = "id";
    private static final String TEXT = "text";
    private static final Sort NEWEST_FIRST = new Sort(new SortField(ID, SortField.Type.LONG, true));
    private static final FieldType GRAMS = grams();

    private final JdbcTemplate jdbc;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("search-index").daemon(true).factory());
    private volatile boolean ready;

    TrigramIndex(Directory directory, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            var config = new IndexWriterConfig(new TrigramAnalyzer())
                    .setIndexSort(NEWEST_FIRST)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(32);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
        // What is indexed is searchable at once (a refresh per search); on disk every few seconds, and
        // whatever a crash loses there is added again by the reconciliation at the next start.
        committer.scheduleWithFixedDelay(this::commit, 5, 5, TimeUnit.SECONDS);
    }

    @Override
    public boolean inDatabase() {
        return !ready;
    }

    @Override
    public boolean keepsOwnIndex() {
        return true;
    }

    @Override
    public List<Long> newestMatching(String term, @Nullable Long beforeId, int limit) {
        return withSearcher(searcher -> {
            var docs = searcher.search(query(term, beforeId), limit, NEWEST_FIRST, false);
            var ids = new ArrayList<Long>(docs.scoreDocs.length);
            for (var doc : docs.scoreDocs) {
                ids.add((Long) ((FieldDoc) doc).fields[0]);
            }
            return ids;
        });
    }

    @Override
    public long count(String term, long cap) {
        return withSearcher(searcher -> {
            var threshold = (int) Math.min(Integer.MAX_VALUE, cap);
            var hits = searcher.search(
                            query(term, null), new TopFieldCollectorManager(NEWEST_FIRST, 1, null, threshold))
                    .totalHits;
            return Math.min(cap, hits.value());
        });
    }

    @Override
    public void add(List<Searchable> messages) {
        // Added, not updated: a message is indexed once, when its row is new (or found missing at
        // start-up), and an update would cost a delete by term per document at each flush.
        // (One by one: a sorted index takes no blocks of documents.)
        try {
            for (var message : messages) {
                var doc = new Document();
                doc.add(new LongPoint(ID, message.id()));
                doc.add(new NumericDocValuesField(ID, message.id()));
                doc.add(new Field(TEXT, message.text(), GRAMS));
                writer.addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index parked messages", e);
        }
    }

    @Override
    public void remove(Collection<Long> ids) {
        var all = List.copyOf(ids);
        try {
            for (int from = 0; from < all.size(); from += 1_000) {
                var chunk = all.subList(from, Math.min(all.size(), from + 1_000));
                writer.deleteDocuments(LongPoint.newSetQuery(
                        ID, chunk.stream().mapToLong(Long::longValue).toArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove purged messages from the search index", e);
        }
    }

    /**
     * Makes the index hold exactly the parked messages: adds those it lacks (parked before the index
     * existed, or lost to a crash before its commit) and removes those no longer parked. Until it is
     * done, searches run in the query.
     */
    void reconcile() {
        ready = false;
        try {
            var indexed = indexedIds();
            var missing = new ArrayList<Long>();
            var present = new HashSet<Long>();
            jdbc.query("SELECT id FROM parked_message", rs -> {
                var id = rs.getLong(1);
                present.add(id);
                if (!indexed.remove(id)) {
                    missing.add(id);
                }
            });
            remove(indexed);
            for (int from = 0; from < missing.size(); from += 500) {
                var chunk = missing.subList(from, Math.min(missing.size(), from + 500));
                var marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                add(jdbc.query(
                        "SELECT message_id, search_text FROM parked_payload WHERE message_id IN (" + marks + ")",
                        (rs, row) -> new Searchable(rs.getLong(1), rs.getString(2)),
                        chunk.toArray()));
            }
            commit();
            if (!missing.isEmpty() || !indexed.isEmpty()) {
                log.info(
                        "Search index reconciled with the parking lot: {} messages added, {} removed, {} in all",
                        missing.size(),
                        indexed.size(),
                        present.size());
            }
            ready = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reconcile the search index", e);
        }
    }

    private HashSet<Long> indexedIds() throws IOException {
        searchers.maybeRefreshBlocking();
        var searcher = searchers.acquire();
        try {
            var ids = new HashSet<Long>();
            for (var leaf : searcher.getIndexReader().leaves()) {
                var values = DocValues.getNumeric(leaf.reader(), ID);
                var live = leaf.reader().getLiveDocs();
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        ids.add(values.longValue());
                    }
                }
            }
            return ids;
        } finally {
            searchers.release(searcher);
        }
    }

    /** The term as the phrase of its trigrams, each at its offset: found where the text contains it. */
    static Query query(String term, @Nullable Long beforeId) {
        var codePoints = term.codePoints().toArray();
        if (codePoints.length < MIN_TERM) {
            throw new IllegalArgumentException("Search for at least " + MIN_TERM + " characters");
        }
        Query text;
        if (codePoints.length == MIN_TERM) {
            text = new TermQuery(new Term(TEXT, term));
        } else {
            var phrase = new PhraseQuery.Builder();
            for (int i = 0; i + MIN_TERM <= codePoints.length; i++) {
                phrase.add(new Term(TEXT, new String(codePoints, i, MIN_TERM)), i);
            }
            text = phrase.build();
        }
        if (beforeId == null) {
            return text;
        }
        return new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(ID, Long.MIN_VALUE, beforeId - 1), BooleanClause.Occur.FILTER)
                .build();
    }

    private <T> T withSearcher(SearchWork<T> work) {
        try {
            searchers.maybeRefresh();
            var searcher = searchers.acquire();
            try {
                return work.on(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index failed", e);
        }
    }

    private interface SearchWork<T> {
        T on(org.apache.lucene.search.IndexSearcher searcher) throws IOException;
    }

    private synchronized void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not commit the search index (the next start adds what is lost): {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        committer.shutdownNow();
        commit();
        searchers.close();
        writer.close();
    }

    private static FieldType grams() {
        var type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setStored(false);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** Every three consecutive characters, one position apart; the text comes lower-cased. */
    private static final class TrigramAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            return new TokenStreamComponents(new NGramTokenizer(MIN_TERM, MIN_TERM));
        }
    }
}
