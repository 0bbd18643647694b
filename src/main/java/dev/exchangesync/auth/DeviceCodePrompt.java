package dev.exchangesync.auth;

import java.time.Duration;

/**
 * What a person must do to finish a device-code sign-in: open {@code verificationUri} and enter {@code userCode}.
 *
 * @param verificationUri the page to open, e.g. {@code https://microsoft.com/devicelogin}
 * @param userCode the code to enter there
 * @param message the identity platform's own sentence saying both, ready to print
 * @param expiresIn how long the code stays valid
 */
public record DeviceCodePrompt(String verificationUri, String userCode, String message, Duration expiresIn) {
}
