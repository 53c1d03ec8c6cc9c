package dev.portcullis.http;

/** What an endpoint (or a group of them) implements to mount itself on the server. */
@FunctionalInterface
public interface Routes {
    void mount(RouteTable routes);
}
