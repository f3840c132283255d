// A real OpenID Connect provider (node-oidc-provider) on loopback, set up like
// the IETF Datatracker's, for the end-to-end tests of "Sign in with the IETF
// Datatracker".
//
//   node e2e/oidc-provider.mjs <port> <appPort>
//
// Like the Datatracker (django-oidc-provider):
// - the issuer has a path: http://127.0.0.1:<port>/api/openid, with discovery at
//   /api/openid/.well-known/openid-configuration;
// - scopes openid, profile, email and roles; `roles` is a list of
//   [role slug, group acronym] pairs;
// - the ID token carries only the token claims; name, email and roles come
//   from the userinfo endpoint, and `email_verified` is left out unless a test
//   account sets it;
// - one client registered in advance (no dynamic registration):
//   DATATRACKER_OIDC_CLIENT_ID / DATATRACKER_OIDC_CLIENT_SECRET from the
//   environment, redirect URL http://127.0.0.1:<appPort>/api/auth/callback/datatracker.
//
// The login page asks for the username of a test account (no password).
// Consent is given automatically, as for a client the user approved before.
//
// Test controls (JSON over HTTP, outside the issuer path):
//   PUT  /__admin/users/<username>  {name, email, email_verified?, roles?}
//        create or change a test account; its subject is "dt-<username>".
//   POST /__admin/mode  {mode}  one of
//        normal          everything works
//        down            every request (discovery included) is dropped unanswered
//        token-down      only the token endpoint is dropped (down mid-sign-in)
//        reject-secret   the token endpoint rejects the client's secret (invalid_client)
//        wrong-issuer    the ID token names another issuer
//        wrong-audience  the ID token is issued to another client
//   GET  /__admin/state  the accounts and the mode
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? 3231);
const appPort = Number(process.argv[3] ?? 3210);
const MOUNT = "/api/openid";
const ORIGIN = `http://127.0.0.1:${port}`;
const ISSUER = `${ORIGIN}${MOUNT}`;
const CLIENT_ID = process.env.DATATRACKER_OIDC_CLIENT_ID || "iotops-dispatch-e2e";
const CLIENT_SECRET = process.env.DATATRACKER_OIDC_CLIENT_SECRET || "e2e-client-secret";
const REDIRECT_URI = `http://127.0.0.1:${appPort}/api/auth/callback/datatracker`;
const MODES = new Set([
  "normal",
  "down",
  "token-down",
  "reject-secret",
  "wrong-issuer",
  "wrong-audience",
]);

/** @type {Map<string, {sub: string, name: string, email: string, email_verified?: boolean, roles: [string, string][]}>} */
const users = new Map();
let mode = "normal";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const KID = "e2e-signing-key";
const signingJwk = { ...privateKey.export({ format: "jwk" }), kid: KID, alg: "RS256", use: "sig" };

function findUserBySub(sub) {
  for (const u of users.values()) if (u.sub === sub) return u;
  return undefined;
}

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: {
    openid: ["sub"],
    profile: ["name", "given_name", "family_name", "nickname", "picture"],
    email: ["email", "email_verified"],
    roles: ["roles"],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `${MOUNT}/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = findUserBySub(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        const [given, ...family] = user.name.split(" ");
        return {
          sub,
          name: user.name,
          given_name: given,
          family_name: family.join(" "),
          nickname: "-",
          picture: "",
          email: user.email,
          ...(user.email_verified === undefined ? {} : { email_verified: user.email_verified }),
          roles: user.roles,
        };
      },
    };
  },
  // The client is first-party: grant what it asks for, without a consent page.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid profile email roles");
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page(
      "Sign-in error",
      `<p role="alert">${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? "")}</p>`,
    );
  },
});

// Tamper with the ID token in the token response for the wrong-issuer and
// wrong-audience modes, signing it again with the provider's key.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== "token" || ctx.status !== 200 || !ctx.body?.id_token) return;
  if (mode === "wrong-issuer") {
    ctx.body = {
      ...ctx.body,
      id_token: resign(ctx.body.id_token, { iss: `${ORIGIN}/not-the-issuer` }),
    };
  } else if (mode === "wrong-audience") {
    ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, { aud: "some-other-client" }) };
  }
});

function b64url(value) {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString(
    "base64url",
  );
}

function resign(jwt, changes) {
  const [header, payload] = jwt.split(".");
  const claims = { ...JSON.parse(Buffer.from(payload, "base64url").toString("utf8")), ...changes };
  const input = `${header}.${b64url(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · IETF Datatracker (test provider)</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function loginPage(uid, error) {
  return page(
    "Sign in to the IETF Datatracker",
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${MOUNT}/interaction/${escapeHtml(uid)}/login">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="off" required autofocus>
  <button type="submit">Sign in</button>
</form>
<p><a href="${MOUNT}/interaction/${escapeHtml(uid)}/abort">Cancel</a></p>`,
  );
}

async function readBody(req, limit = 64 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res, status, body, type = "application/json") {
  const text = type === "application/json" ? JSON.stringify(body) : body;
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(text);
}

async function admin(req, res, url) {
  const userMatch = /^\/__admin\/users\/([A-Za-z0-9._-]{1,64})$/.exec(url.pathname);
  if (req.method === "PUT" && userMatch) {
    const body = JSON.parse((await readBody(req)) || "{}");
    const username = userMatch[1];
    const user = {
      sub: `dt-${username}`,
      name: String(body.name ?? username),
      email: String(body.email ?? `${username}@example.org`),
      roles: Array.isArray(body.roles) ? body.roles : [],
    };
    if (typeof body.email_verified === "boolean") user.email_verified = body.email_verified;
    users.set(username, user);
    return send(res, 200, { username, ...user });
  }
  if (req.method === "POST" && url.pathname === "/__admin/mode") {
    const body = JSON.parse((await readBody(req)) || "{}");
    if (!MODES.has(body.mode)) return send(res, 400, { error: `unknown mode ${body.mode}` });
    mode = body.mode;
    return send(res, 200, { mode });
  }
  if (req.method === "GET" && url.pathname === "/__admin/state") {
    return send(res, 200, { mode, users: Object.fromEntries(users) });
  }
  return send(res, 404, { error: "not found" });
}

async function interaction(req, res, url) {
  const m = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(url.pathname.slice(MOUNT.length));
  if (!m) return false;
  const [, uid, action] = m;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (action === "/abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User cancelled the sign-in" },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  if (details.prompt.name !== "login") {
    // Consent is implied (see loadExistingGrant); nothing to ask.
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    return true;
  }
  if (action === "/login" && req.method === "POST") {
    const username = new URLSearchParams(await readBody(req)).get("username")?.trim() ?? "";
    const user = users.get(username);
    if (!user) {
      send(res, 200, loginPage(uid, `There is no test account "${username}".`), "text/html");
      return true;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  send(res, 200, loginPage(uid), "text/html");
  return true;
}

const callback = provider.callback();

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", ORIGIN);
    if (url.pathname.startsWith("/__admin/")) return await admin(req, res, url);
    if (mode === "down") return req.socket.destroy();
    if (url.pathname !== MOUNT && !url.pathname.startsWith(`${MOUNT}/`)) {
      return send(res, 404, { error: "not found" });
    }
    if (await interaction(req, res, url)) return;
    if (url.pathname === `${MOUNT}/token`) {
      if (mode === "token-down") return req.socket.destroy();
      if (mode === "reject-secret") {
        const wrong = Buffer.from(`${CLIENT_ID}:not-the-registered-secret`).toString("base64");
        req.headers.authorization = `Basic ${wrong}`;
      }
    }
    // Mount the provider under the issuer's path.
    req.originalUrl = req.url;
    req.url = req.url.slice(MOUNT.length) || "/";
    callback(req, res);
  } catch (e) {
    console.error("[oidc-provider]", e);
    if (!res.headersSent)
      send(res, 500, page("Error", `<pre>${escapeHtml(e?.message ?? e)}</pre>`), "text/html");
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(`[oidc-provider] ${ISSUER} (client ${CLIENT_ID}, redirect ${REDIRECT_URI})`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
