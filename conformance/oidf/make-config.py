#!/usr/bin/env python3
"""Writes the OpenID Foundation conformance suite's plan configuration for Portcullis.

    make-config.py PLAN ISSUER SUITE_URL SETUP_JSON > config.json

PLAN is config, basic, formpost, logout (static clients, taken from SETUP_JSON, the file that
`portcullis admin import` loads), dynamic (the suite registers its own clients) or fapi2 (the two
FAPI 2.0 apps of SETUP_JSON, with the private keys of fapi2-client-keys.json beside this file:
test-only keys, made for this harness). The "browser"
part tells the suite's scripted browser how to get through Portcullis's pages (src/main/jte/):
the login form, the workspace picker (shown only to members of several workspaces), the consent
form; and, for the modules that need a screenshot for review, which page to capture.
"""
import json
import os
import sys

ALIAS = "portcullis"


def main():
    plan, issuer, suite, setup_path = sys.argv[1:5]
    with open(setup_path) as f:
        setup = json.load(f)
    user = setup["users"][0]
    pages = Pages(issuer.rstrip("/"), suite.rstrip("/"), user["email"], user["password"])

    config = {
        "description": "Portcullis " + plan,
        "server": {"discoveryUrl": pages.issuer + "/.well-known/openid-configuration"},
        "browser": [pages.authorize(), pages.logout_returns()],
        "override": pages.overrides(),
    }
    if plan == "fapi2":
        fapi2(config, setup, pages)
    elif plan == "dynamic":
        config["client"] = {"client_name": "OIDF conformance (first)"}
        config["client2"] = {"client_name": "OIDF conformance (second)"}
    else:
        # Static clients: the suite's redirect URIs carry the alias, so setup.json registers
        # https://localhost:8443/test/a/portcullis/callback (and .../post_logout_redirect).
        config["alias"] = ALIAS
        secret_apps = [a for a in setup["apps"] if "client_secret" in a]
        apps = {a["token_endpoint_auth_method"]: [] for a in secret_apps}
        for a in secret_apps:
            apps[a["token_endpoint_auth_method"]].append(
                {"client_id": a["client_id"], "client_secret": a["client_secret"]})
        config["client"], config["client2"] = apps["client_secret_basic"][:2]
        config["client_secret_post"] = apps["client_secret_post"][0]
    json.dump(config, sys.stdout, indent=2)
    print()


def fapi2(config, setup, pages):
    """The FAPI 2.0 plan: private_key_jwt clients whose keys sign client assertions and (a fresh key
    per module, made by the suite) DPoP proofs; the protected resource is UserInfo, which takes
    DPoP-bound tokens."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fapi2-client-keys.json")) as f:
        keys = json.load(f)["keys"]
    fapi_apps = [a for a in setup["apps"] if a.get("portcullis_security_profile") == "fapi2"]
    config["alias"] = ALIAS
    for name, app in zip(["client", "client2"], fapi_apps[:2]):
        config[name] = {"client_id": app["client_id"], "scope": " ".join(app["scopes"]),
                        "jwks": keys[app["client_id"]], "dpop_signing_alg": "ES256"}
    config["resource"] = {"resourceUrl": pages.issuer + "/oauth2/userinfo"}
    config["override"].update(pages.fapi2_overrides())


class Pages:
    def __init__(self, issuer, suite, email, password):
        self.issuer = issuer
        self.suite = suite
        self.email = email
        self.password = password

    def login(self, screenshot=False):
        # Shown again for prompt=login and max_age=1; those modules want a screenshot of it.
        commands = [["text", "id", "email", self.email],
                    ["text", "id", "password", self.password],
                    ["click", "css", "#login button[type=submit]"]]
        if screenshot:
            commands.insert(0, ["wait", "xpath", "//*", 10, "Log in", "update-image-placeholder-optional"])
        return {"task": "Log in", "optional": True, "match": self.issuer + "/login*", "commands": commands}

    def click_if_present(self, task, css):
        # The picker and the consent form are served at /authorize/continue after a login and at
        # /oauth2/authorize itself when the user is already logged in; consent is remembered, so
        # either may be skipped.
        return {"task": task, "optional": True, "match": self.issuer + "/*",
                "commands": [["click", "css", css, "optional"]]}

    def back_at_suite(self, path):
        # A form_post answer is a page that posts itself to the suite; wait until it has.
        return [{"task": "Wait to be sent back", "optional": True, "match": self.issuer + "/*",
                 "commands": [["wait", "contains", self.suite + "/test/", 10]]},
                {"task": "Verify complete", "match": self.suite + "/test/*/" + path + "*",
                 "commands": [["wait", "id", "submission_complete", 10]] if path == "callback" else []}]

    def authorize(self, login_screenshot=False, decision="approve"):
        return {"match": self.issuer + "/*authorize*",
                "tasks": [self.login(login_screenshot),
                          self.click_if_present("Choose workspace", "#workspace-picker button[type=submit]"),
                          self.click_if_present(decision.capitalize(), f"#consent button[value={decision}]")]
                + self.back_at_suite("callback")}

    def screenshot_at(self, match, task, regexp):
        return {"match": match,
                "tasks": [{"task": task, "match": self.issuer + "/*",
                           "commands": [["wait", "xpath", "//*", 10, regexp, "update-image-placeholder"]]}]}

    def logout_returns(self):
        return {"match": self.issuer + "/oauth2/logout*",
                "tasks": [self.click_if_present("Confirm logout", "#logout button[type=submit]")]
                + self.back_at_suite("post_logout_redirect")}

    def logout_page(self):
        return {"match": self.issuer + "/oauth2/logout*",
                "tasks": [self.click_if_present("Confirm logout", "#logout button[type=submit]"),
                          {"task": "Expect the logged-out page", "match": self.issuer + "/*",
                           "commands": [["wait", "xpath", "//*", 10, "logged out", "update-image-placeholder"]]}]}

    def overrides(self):
        authorize = self.issuer + "/*authorize*"
        logout = self.issuer + "/oauth2/logout*"
        o = {}
        for module in ["oidcc-prompt-login", "oidcc-max-age-1"]:
            o[module] = {"browser": [self.authorize(login_screenshot=True)]}
        for module in ["oidcc-ensure-registered-redirect-uri", "oidcc-ensure-redirect-uri-in-authorization-request",
                       "oidcc-redirect-uri-query-added", "oidcc-redirect-uri-query-mismatch",
                       # a redirect_uri in an unsigned request object, another one outside it: Portcullis
                       # does not take request objects, so it judges the outer (unregistered) one
                       "oidcc-ensure-request-object-with-redirect-uri"]:
            o[module] = {"browser": [self.screenshot_at(authorize, "Expect an error page", "redirect_uri")]}
        for module in ["oidcc-registration-logo-uri", "oidcc-registration-policy-uri", "oidcc-registration-tos-uri"]:
            o[module] = {"browser": [self.screenshot_at(authorize, "Expect the login page", "Log in")]}
        # The OP must not send the user back: an error page or a confirmation is right.
        for module in ["oidcc-rp-initiated-logout-bad-post-logout-redirect-uri",
                       "oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri",
                       "oidcc-rp-initiated-logout-modified-id-token-hint",
                       "oidcc-rp-initiated-logout-bad-id-token-hint",
                       "oidcc-rp-initiated-logout-no-id-token-hint"]:
            o[module] = {"browser": [self.authorize(), self.screenshot_at(
                logout, "Expect an error or a confirmation", "invalid_request|error|Error|Log out")]}
        for module in ["oidcc-rp-initiated-logout-no-params",
                       "oidcc-rp-initiated-logout-no-post-logout-redirect-uri",
                       "oidcc-rp-initiated-logout-only-state"]:
            o[module] = {"browser": [self.authorize(), self.logout_page()]}
        return o

    def fapi2_overrides(self):
        authorize = self.issuer + "/*authorize*"
        prefix = "fapi2-security-profile-final-"
        o = {}
        # The person says no on the consent page (runner.py has made Portcullis forget the
        # consent the happy flow gave); the suite expects access_denied.
        o[prefix + "user-rejects-authentication"] = {"browser": [self.authorize(decision="deny")]}
        # A used, expired or another client's request_uri: Portcullis shows its error page.
        bad_request_uri = self.screenshot_at(authorize, "Expect an error page", "request_uri")
        for module in ["par-attempt-to-use-expired-request_uri", "par-attempt-to-use-request_uri-for-different-client"]:
            o[prefix + module] = {"browser": [bad_request_uri]}
        o[prefix + "par-attempt-reuse-request_uri"] = {"browser": [self.once(self.authorize()), bad_request_uri]}
        # The first visit only reaches the login page; the second logs in (FAPI 2.0 §5.3.2.2 note 3).
        o[prefix + "par-ensure-reused-request-uri-prior-to-auth-completion-succeeds"] = {"browser": [
            self.once({"match": authorize, "tasks": [{"task": "Only look at the login page", "match": self.issuer + "/login*",
                                                      "commands": [["wait", "id", "email", 10]]}]}),
            self.authorize()]}
        return o

    @staticmethod
    def once(entry):
        # the suite uses an entry for this many matching visits, then the next entry that matches
        return dict(entry, **{"match-limit": 1})


if __name__ == "__main__":
    main()
