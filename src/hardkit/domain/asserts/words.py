"""The small vocabularies HK101's signals read identifiers with (issue 15).

Each set names one role a word plays in a security check — a principal, a permission, an
owner, a credential, untrusted request data — and is matched against whole words of an
identifier (``split_words``: ``is_staff`` is ``is staff``, ``tokenizer`` is not ``token``).
None of them decides alone: ``decision.py`` combines them with the shape of the condition
and its surroundings, which is what tells a check from a narrowing or an invariant.
"""

from __future__ import annotations

from hardkit.domain.asserts.security_words import split_words


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, separated by whitespace."""
    return frozenset(text.split())


# -- principals: who is making the request ---------------------------------------------

# A plain name that is the acting user: ``user``, ``current_user``, ``me``, ``requester``.
PRINCIPAL_NAMES = word_set("user principal identity requester actor viewer caller me")
# Words that may precede ``user`` in such a name: ``current_user``, ``request_user``.
PRINCIPAL_QUALIFIERS = word_set("current request auth authenticated logged in session this")
# An attribute holding the principal of a request-like object: ``request.user``, ``g.user``.
PRINCIPAL_ATTRIBUTES = word_set(
    "user current_user identity principal requester auth author effective_user from_user"
)
# Attributes that name who sent a chat message on any object: ``update.effective_user``.
SENDER_ATTRIBUTES = word_set("effective_user from_user")
# Objects that hold a logged-in user: ``session.user_id``, ``connection.user``.
SESSION_WORDS = word_set("session sess connection conn peer client socket ws websocket channel")
# The tenant a request acts for: ``request.tenant``, ``request.organization``.
TENANT_ATTRIBUTES = word_set(
    "tenant organization organisation org team workspace account channel guild chat effective_chat"
)
# Objects a principal hangs off: ``request``, ``self.request``, Flask's ``g``, a context.
REQUEST_OBJECTS = word_set(
    "request req g ctx context info scope connection websocket state interaction"
)
# Trailing attributes that still name the principal: ``request.user.id``.
IDENTITY_ATTRIBUTES = word_set("id ids pk uuid uid sub username email")

# -- permissions ------------------------------------------------------------------------

# Attributes that are a permission flag on any object: ``self.is_admin``.
PERMISSION_FLAGS = word_set(
    "is_staff is_superuser is_admin is_administrator is_moderator is_root is_owner superuser "
    "is_operator is_mod"
)
# Attributes of a principal that hold its rights: ``user.role``, ``request.user.groups``.
PRINCIPAL_RIGHTS = word_set(
    "role roles groups group permissions perms scopes scope privileges acl rights grants level "
    "user_type usertype account_type role_id role_name access_level user_level privilege "
    "clearance top_role guild_permissions rank plan tier"
)
# Names of objects that carry a member's rights: ``membership.role``, ``account.plan``.
RIGHTS_HOLDERS = word_set("membership member account sender peer player caller subscriber")
# Attributes between a principal and its rights: ``request.user.profile.role``.
PRINCIPAL_DETAILS = word_set("profile userprofile membership member account")
# Attributes of a principal that say it is logged in (or still allowed in at all).
AUTHENTICATION_FLAGS = word_set(
    "is_authenticated is_anonymous is_active is_verified authenticated is_logged_in logged_in"
)
# Nouns of a permission predicate's name: ``has_perm``, ``check_access``, ``has_role``.
PERMISSION_NOUNS = word_set(
    "perm perms permission permissions role roles scope scopes access privilege privileges "
    "acl grant right rights authorization authorisation"
)
PERMISSION_VERBS = word_set("has have check require requires ensure verify is user can")
# Whole predicate names that are permission checks.
PERMISSION_CALLS = word_set(
    "allows is_allowed allowed_to permits is_permitted is_authorized is_authorised authorize "
    "authorise authorized user_passes_test is_admin is_staff is_superuser"
)

# -- ownership --------------------------------------------------------------------------

# The last word of an object's attribute that names who it belongs to: ``note.author``.
OWNER_WORDS = word_set(
    "owner owners author authors creator created user users uploader uploaded assignee "
    "holder guest host customer patient recipient member members tenant organization "
    "organisation org company team workspace editor editors participants collaborators "
    "reporter submitter requester buyer seller payer player subscriber"
)

# -- credentials ------------------------------------------------------------------------

# Nouns that name a secret or its proof: a comparison of one of these is a verification.
CREDENTIAL_NOUNS = word_set(
    "password passwd pwd passcode passphrase signature signatures sig hmac mac "
    "cert certificate credential credentials otp totp hotp csrf xsrf nonce "
    "secret claims jwt pin pinned oauth issuer signer signers pubkey privkey audience"
)
# ``key`` names a secret only with one of these beside it: ``public_key``, ``signing_key``.
KEY_QUALIFIERS = word_set(
    "public private signing verify verifying secret shared encryption pub priv peer device "
    "host identity"
)
# ``token`` alone is a lexer's, a stream's or a paginator's as often as a credential's:
# it counts with one of these beside it (``access_token``, ``X-CSRF-Token``, ``share_token``).
TOKEN_QUALIFIERS = word_set(
    "access auth bearer id refresh csrf xsrf api session reset share invite webhook "
    "verification confirm confirmation magic signed secret hs x"
)
VERIFY_VERBS = word_set(
    "verify verified check checks validate valid ok authenticate compare matches"
)
COMPARE_VERBS = word_set("equal equals eq compare compares match matches same")
# Whole callee names that verify a secret.
CREDENTIAL_CALLS = word_set(
    "compare_digest constant_time_compare safe_str_cmp checkpw check_password verify "
    "authenticate verify_password check_token verify_token verify_signature signature_valid"
)
# JWT/OIDC claims read by key: ``claims["aud"]``.
CLAIM_KEYS = word_set("iss aud exp nbf iat nonce azp alg")
# Words of a time limit: ``expires_at > now()``.
EXPIRY_WORDS = word_set("exp expires expiry expiration expired expire")
CLOCK_CALLS = word_set("time now utcnow today monotonic")

# -- untrusted input ----------------------------------------------------------------------

# What a request object holds that its sender chose: ``request.args``, ``request.POST``.
REQUEST_DATA = word_set(
    "args form values GET POST FILES files data json get_json body content stream headers "
    "cookies COOKIES META query query_params path_params match_info params query_string "
    "arguments body_arguments query_arguments remote_addr client environ path_info "
    "authorization auth"
)
# Methods of a request handler that read the request (Tornado): ``self.get_argument(...)``.
REQUEST_READERS = word_set(
    "get_argument get_arguments get_query_argument get_body_argument get_cookie "
    "get_secure_cookie get_json"
)
# Attributes of an uploaded file or archive member its sender named.
SENDER_NAMED = word_set("filename arcname name")
# Calls that list an archive's members.
ARCHIVE_LISTINGS = word_set("namelist infolist getmembers getnames")
# What ``self`` holds in an RPC method (Qubes' ``self.arg``).
RPC_ARGUMENTS = word_set("arg args argument arguments params payload body dest")

# Calls that fetch bytes from elsewhere: ``urlopen(url).read()``, ``session.get(url)``.
FETCH_CALLS = word_set(
    "urlopen urlretrieve download fetch recv recvfrom recv_into download_file fetch_url "
    "read_from_network"
)
# Objects whose ``get``/``post``/``request`` reach the network: ``requests.get``.
HTTP_CLIENTS = word_set("requests httpx session client http aiohttp urllib3 pool opener")
# Words of a function that moves money, and of the amounts it compares.
MONEY_MOVES = word_set(
    "refund refunds pay payout withdraw withdrawal charge settle disburse escrow debit"
)
# Words of a function that takes a transfer into a ledger it keeps: ``add_to_mempool``.
LEDGER_WORDS = word_set("mempool")
MONEY_WORDS = word_set(
    "amount amounts balance paid due total price fee refunded deposit signer signers "
    "approver approvers cosigner cosigners"
)

# -- entry points -------------------------------------------------------------------------

# Decorators that make a function a request handler (last dotted name).
ROUTE_DECORATORS = word_set(
    "route get post put patch delete head options websocket api_view action view_config "
    "endpoint expose exposed rpc jsonrpc xmlrpc remote method csrf_exempt require_post "
    "require_get require_http_methods login_required permission_required "
    "staff_member_required jwt_required auth_required"
)
# Methods of a view class that handle a request.
HANDLER_METHODS = word_set(
    "get post put patch delete head options dispatch handle list create retrieve update "
    "partial_update destroy on_get on_post on_put on_patch on_delete"
)
# Words of a base class that make its subclass a view.
VIEW_BASES = word_set("view views viewset handler resource servlet endpoint api apiview controller")
# Words of a module that holds views (``views.py``, ``api/orders.py``).
VIEW_MODULES = word_set(
    "views view api apis routes routers handlers endpoints resources controllers webhooks"
)
# Words of a function that receives a message or upload from outside (``on_message``,
# ``handle_upload``, ``receive_order``, ``webhook``): its message-like parameters are input.
RECEIVER_VERBS = word_set("receive consume ingest")
# ``handle``/``on`` receive from outside only when what they handle is a message:
# ``handle_message``, ``on_webhook`` (not ``handle_timeout``, ``on_event`` of a local bus).
DISPATCH_VERBS = word_set("handle on")
MESSAGE_NOUNS = word_set(
    "message msg messages webhook payload packet frame request upload command datagram submission"
)
RECEIVER_WORDS = word_set("webhook upload uploaded inbound incoming received")
# Parameters of such a function that hold what was sent.
MESSAGE_PARAMETERS = word_set(
    "form data payload message msg body params args upload member packet frame raw "
    "request_data incoming file files blob attachment archive bundle"
)
# Parameters of a handler that are not input.
NOT_INPUT = word_set(
    "self cls request req response resp db session background_tasks context ctx info "
    "update interaction writer sid environ bot caller peer principal client"
)

# -- surroundings that already decide -------------------------------------------------------

# A decorator, base class or dependency that enforces a login: ``login_required``,
# ``LoginRequiredMixin``, ``IsAuthenticated``, ``Depends(current_active_user)``.
LOGIN_WORDS = word_set("login auth authenticated authentication jwt signin")
REQUIRED_WORDS = word_set("required require requires needed only mixin")
# A dependency (FastAPI ``Depends``) that yields the logged-in user.
CURRENT_USER_WORDS = word_set("current active authenticated logged")
# Functions whose checks belong to an authentication flow: ``_verify``, ``oauth_callback``.
AUTH_FUNCTION_WORDS = word_set(
    "verify verification authenticate authentication authn authz authorize authorise "
    "oauth saml sso openid oidc"
)
# ...and functions that read a credential: ``decode_access_token``, ``check_signature``.
READ_VERBS = word_set("decode check validate parse load read")
# Functions run once at start-up to configure things.
SETUP_FUNCTIONS = word_set("includeme init_app setup configure ready")
# Objects holding configuration, and words of a class that is one (``Settings``).
CONFIG_OBJECTS = word_set("settings config conf configuration app_settings environ options")
CONFIG_CLASSES = word_set("settings config configuration conf options")


def words_of(identifier: str) -> tuple[str, ...]:
    return split_words(identifier)
