package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.dlqconsole.parking.ExportFormat;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import java.util.function.Supplier;

/**
 * "Export…": the selection as it is when the link is followed, downloaded as JSON Lines or CSV. The
 * download streams from the service (which checks the role and records the export), never through a
 * list held in the session.
 */
class ExportMenu extends MenuBar {

    ExportMenu(ParkingService parking, Supplier<MessageFilter> filter, String id) {
        this(parking, filter, id, null);
    }

    /** With {@code onImport}, the menu also offers "Import a JSON Lines file…" (admins), and says so. */
    ExportMenu(
            ParkingService parking,
            Supplier<MessageFilter> filter,
            String id,
            @org.jspecify.annotations.Nullable Runnable onImport) {
        setId(id);
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        var menu = addItem(
                new Icon(VaadinIcon.DOWNLOAD_ALT),
                onImport == null
                        ? "Export the messages these filters select"
                        : "Export the messages these filters select, or import an export");
        menu.add("Export…");
        // A menu bar in a crowded row folds its item into "…" before the row gives it room: it keeps its width.
        getStyle().set("flex-shrink", "0");
        var formats = menu.getSubMenu();
        if (parking.exportAllowed()) {
            for (var format : ExportFormat.values()) {
                var link = new Anchor(download(parking, filter, format), AttachmentType.DOWNLOAD, format.label());
                link.setId(id + "-" + format.extension());
                formats.addItem(link);
            }
        }
        if (onImport != null) {
            if (parking.exportAllowed()) {
                formats.addSeparator();
            }
            var item = formats.addItem("Import a JSON Lines file…", click -> onImport.run());
            item.setId(id + "-import");
        }
    }

    private static DownloadHandler download(
            ParkingService parking, Supplier<MessageFilter> filter, ExportFormat format) {
        return event -> {
            var export = parking.export(filter.get(), format);
            event.setFileName(export.fileName());
            event.setContentType(export.contentType() + ";charset=UTF-8");
            export.writeTo(event.getOutputStream());
        };
    }
}
