package dev.portcullis;

import dev.portcullis.apps.ClientLookup;
import dev.portcullis.config.Config;
import dev.portcullis.device.DeviceAuthorizationEndpoint;
import dev.portcullis.device.DeviceAuthorizations;
import dev.portcullis.device.DevicePage;
import dev.portcullis.device.SqlDeviceAuthorizationRepository;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.flash.Flashes;

/** The device authorization grant (RFC 8628): where a device starts, the /device page, and the token endpoint's grant. */
record DeviceWiring(DeviceAuthorizationEndpoint endpoint, DevicePage page) {

    static DeviceWiring of(Core core, WebWiring web, TokenWiring tokens, ClientLookup apps, Flashes flashes, WorkspaceGate gate) {
        Config config = core.config();
        var repository = new SqlDeviceAuthorizationRepository();
        var authorizations = new DeviceAuthorizations(core.database(), repository, core.connections(), core.identity(), core.random(),
                core.clock(), config.device());
        var endpoint = new DeviceAuthorizationEndpoint(tokens.clients(), authorizations, core.scopes()::isKnown,
                core.rateLimits().perSecond("device-authorization", config.limits().tokenPerSecond()), config.server().issuer());
        var page = new DevicePage(authorizations, apps, core.identity(), core.scopes(), web.currentUser(), web.pages(),
                web.clientAddress(), core.rateLimits(), config.device().userCodeAttemptsPerMinute(), flashes, gate);
        return new DeviceWiring(endpoint, page);
    }

}
