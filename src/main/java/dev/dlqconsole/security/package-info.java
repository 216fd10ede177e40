/** Login, roles and the users of the console. */
@NullMarked
package dev.dlqconsole.security;

import org.jspecify.annotations.NullMarked;
