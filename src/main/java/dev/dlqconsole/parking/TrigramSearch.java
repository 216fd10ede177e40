package dev.dlqconsole.parking;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text search on PostgreSQL: the query's own {@code search_text LIKE '%term%'}, which PostgreSQL answers
 * from the trigram index ({@code pg_trgm}, GIN) that migration V11_1 creates. Nothing to keep up to
 * date beside the table.
 */
final class TrigramSearch implements MessageSearch {

    @Override
    public boolean inDatabase() {
        return true;
    }

    @Override
    public boolean keepsOwnIndex() {
        return false;
    }

    @Override
    public List<Long> newestMatching(String term, @Nullable Long beforeId, int limit) {
        throw new UnsupportedOperationException("PostgreSQL searches in the query");
    }

    @Override
    public long count(String term, long cap) {
        throw new UnsupportedOperationException("PostgreSQL searches in the query");
    }

    @Override
    public void add(List<Searchable> messages) {}

    @Override
    public void remove(Collection<Long> ids) {}
}
