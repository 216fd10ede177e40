package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved Messages filters: everyone keeps their own, and shares one with the team when it helps (the
 * view of an incident's messages, "payments timeouts this week"). A shared view is audited, since
 * everyone sees it in their menu; a private one is nobody else's business.
 */
@Service
public class SavedViews {

    /** Most views one person keeps, so the menu stays a menu. */
    public static final int MAX_PER_OWNER = 50;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    SavedViews(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller's own views and the team's shared ones, by name. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<SavedView> visible() {
        return jdbc.query(
                "SELECT * FROM saved_view WHERE owner = ? OR shared ORDER BY lower(name), id",
                SavedViews::view,
                user());
    }

    /** The view, when the caller may open it (theirs, or shared). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<SavedView> find(long id) {
        return jdbc
                .query("SELECT * FROM saved_view WHERE id = ? AND (owner = ? OR shared)", SavedViews::view, id, user())
                .stream()
                .findFirst();
    }

    /**
     * Saves the filter under a name of the caller's.
     *
     * @throws IllegalArgumentException for a blank or taken name, or a filter too long to keep
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional
    public SavedView save(String name, String query, boolean shared) {
        var title = name == null ? "" : name.strip();
        if (title.isEmpty() || title.length() > 100) {
            throw new IllegalArgumentException("A view needs a name of at most 100 characters");
        }
        if (query.length() > 2_000) {
            throw new IllegalArgumentException("This filter is too long to save (over 2,000 characters)");
        }
        var owner = user();
        var kept = jdbc.queryForObject("SELECT count(*) FROM saved_view WHERE owner = ?", Integer.class, owner);
        if (kept >= MAX_PER_OWNER) {
            throw new IllegalArgumentException("You keep " + MAX_PER_OWNER + " views already: delete one first");
        }
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.update(
                    connection -> {
                        var ps = connection.prepareStatement(
                                "INSERT INTO saved_view (name, owner, shared, query, created_at) VALUES (?, ?, ?, ?, ?)",
                                new String[] {"id"});
                        ps.setString(1, title);
                        ps.setString(2, owner);
                        ps.setBoolean(3, shared);
                        ps.setString(4, query);
                        ps.setTimestamp(5, Timestamp.from(clock.instant()));
                        return ps;
                    },
                    keys);
        } catch (DuplicateKeyException taken) {
            throw new IllegalArgumentException("You have a view named '" + title + "' already");
        }
        var id = keys.getKeyAs(Number.class).longValue();
        if (shared) {
            audit.record(AuditEntry.of("view.share", "view " + id + " '" + title + "'", null)
                    .withDetail(query));
        }
        return find(id).orElseThrow();
    }

    /** Deletes one of the caller's views (an admin may delete a shared one of anybody's). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional
    public void delete(long id) {
        var view = find(id).orElseThrow(() -> new NoSuchElementException("No view " + id));
        var admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        if (!view.owner().equals(user()) && !admin) {
            throw new AccessDeniedException("Only " + view.owner() + " (or an admin) deletes this view");
        }
        jdbc.update("DELETE FROM saved_view WHERE id = ?", id);
        if (view.shared()) {
            audit.record(AuditEntry.of("view.delete", "view " + id + " '" + view.name() + "'", null));
        }
    }

    private static String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private static SavedView view(ResultSet rs, int row) throws SQLException {
        return new SavedView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("owner"),
                rs.getBoolean("shared"),
                rs.getString("query"),
                rs.getTimestamp("created_at").toInstant());
    }
}
