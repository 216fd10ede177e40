/** The Demo page. */
@NullMarked
package dev.dlqconsole.demo.ui;

import org.jspecify.annotations.NullMarked;
