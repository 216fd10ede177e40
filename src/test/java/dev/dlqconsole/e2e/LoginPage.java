package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** The login view: Vaadin's login form, whose fields live in its light DOM. */
final class LoginPage {

    static LoginPage open() {
        com.codeborne.selenide.Selenide.open("/login");
        $("#login-form").shouldBe(visible);
        return new LoginPage();
    }

    void logInAs(String user, String password) {
        $("#login-form vaadin-text-field[name='username'] input").setValue(user);
        $("#login-form vaadin-password-field[name='password'] input").setValue(password);
        $("#login-form vaadin-button[slot='submit']").click();
    }

    /** The form itself: it carries the {@code error} attribute when a login failed. */
    SelenideElement form() {
        return $("#login-form");
    }

    static void logOut() {
        com.codeborne.selenide.Selenide.open("/logout");
    }
}
