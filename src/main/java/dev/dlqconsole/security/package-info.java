/** Login, roles, the users of the console, and the masking of sensitive values. */
@NullMarked
package dev.dlqconsole.security;

import org.jspecify.annotations.NullMarked;
