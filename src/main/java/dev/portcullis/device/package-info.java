/**
 * The device authorization grant (RFC 8628): the endpoint a device starts at, the user codes a
 * person types at {@code /device}, and the pending authorizations the token endpoint redeems.
 */
package dev.portcullis.device;
