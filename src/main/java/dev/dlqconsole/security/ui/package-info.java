/** The login view. */
@NullMarked
package dev.dlqconsole.security.ui;

import org.jspecify.annotations.NullMarked;
