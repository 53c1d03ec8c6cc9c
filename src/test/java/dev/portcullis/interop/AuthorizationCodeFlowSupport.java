package dev.portcullis.interop;

import dev.portcullis.support.TestServer;

/** Shares the flow test's server and fixtures with the other interop classes. */
abstract class AuthorizationCodeFlowSupport {
    static TestServer server() {
        return AuthorizationCodeFlowTest.server;
    }
}
