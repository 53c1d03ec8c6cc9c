package dev.portcullis.http;

/**
 * What an endpoint (or a group of them) implements to mount itself on the server. Every route it
 * mounts answers errors in the style it declares; none is guessed from the path.
 */
public interface Routes {
    void mount(RouteTable routes);

    ErrorStyle errorStyle();
}
