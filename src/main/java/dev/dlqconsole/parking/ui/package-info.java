/** The Messages, Message and Failure groups views. */
@NullMarked
package dev.dlqconsole.parking.ui;

import org.jspecify.annotations.NullMarked;
