package dev.portcullis.http;

import io.helidon.webserver.http.HttpRouting;

/** What an endpoint (or a group of them) implements to mount itself on the server. */
@FunctionalInterface
public interface Routes {
    void mount(HttpRouting.Builder routing);
}
