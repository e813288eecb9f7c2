package dev.slimimage.registry;

/** A credential source exists but cannot be used; the message is one sentence naming the source and the fix. */
public final class CredentialException extends Exception {
    public CredentialException(String message) {
        super(message);
    }
}
