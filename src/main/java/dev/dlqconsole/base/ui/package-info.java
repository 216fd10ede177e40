/** The application frame: main layout, navigation and small shared components. */
@NullMarked
package dev.dlqconsole.base.ui;

import org.jspecify.annotations.NullMarked;
