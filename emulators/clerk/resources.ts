/**
 * JSON shapes of Clerk resources, as the real Frontend and Backend APIs return them (snake_case,
 * timestamps in ms). Field lists follow @clerk/shared's `*JSON` types and @clerk/backend's `fromJSON`.
 */
import { INSTANCE_ID, PROXY_PATH } from "./instance";
import type { StoredClient, StoredSession, StoredUser } from "./store";

/** Sessions stay alive for a week of inactivity, like Clerk's default. */
const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const CLIENT_LIFETIME_MS = 365 * 24 * 3600 * 1000;

export function avatarUrl(appOrigin: string, user: StoredUser): string {
  return `${appOrigin}${PROXY_PATH}/avatars/${user.id}.svg`;
}

function emailAddressJSON(user: StoredUser) {
  return {
    id: user.emailAddressId,
    object: "email_address",
    email_address: user.email,
    reserved: false,
    verification: {
      object: "verification_otp",
      status: "verified",
      strategy: "email_code",
      attempts: null,
      expire_at: null,
    },
    linked_to: [],
    matches_sso_connection: false,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

function commonUserFields(appOrigin: string, user: StoredUser) {
  return {
    id: user.id,
    object: "user",
    external_id: null,
    primary_email_address_id: user.emailAddressId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: avatarUrl(appOrigin, user),
    has_image: false,
    email_addresses: [emailAddressJSON(user)],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    enterprise_accounts: [],
    passkeys: [],
    password_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    two_factor_enabled: false,
    public_metadata: user.publicMetadata,
    unsafe_metadata: {},
    last_sign_in_at: user.lastSignInAt,
    create_organization_enabled: false,
    create_organizations_limit: null,
    delete_self_enabled: false,
    legal_accepted_at: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/** Backend API `User` (also the `data` of user.created / user.updated webhooks). */
export function backendUserJSON(appOrigin: string, user: StoredUser) {
  return {
    ...commonUserFields(appOrigin, user),
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    private_metadata: {},
    last_active_at: user.lastSignInAt,
    locale: null,
    profile_image_url: avatarUrl(appOrigin, user),
  };
}

/** Frontend API `User`, embedded in sessions. */
export function frontendUserJSON(appOrigin: string, user: StoredUser) {
  return { ...commonUserFields(appOrigin, user), organization_memberships: [], profile_image_id: "", timezone: null };
}

export function sessionJSON(appOrigin: string, session: StoredSession, user: StoredUser, jwt: string | null) {
  return {
    id: session.id,
    object: "session",
    status: session.status,
    expire_at: session.lastActiveAt + SESSION_LIFETIME_MS,
    abandon_at: session.lastActiveAt + SESSION_LIFETIME_MS,
    last_active_at: session.lastActiveAt,
    last_active_organization_id: null,
    last_active_token: jwt ? { object: "token", jwt } : null,
    factor_verification_age: [0, -1],
    actor: null,
    tasks: null,
    user: frontendUserJSON(appOrigin, user),
    public_user_data: {
      first_name: user.firstName,
      last_name: user.lastName,
      image_url: avatarUrl(appOrigin, user),
      has_image: false,
      identifier: user.email,
      user_id: user.id,
    },
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

export function clientJSON(client: StoredClient, sessions: unknown[]) {
  return {
    id: client.id,
    object: "client",
    sessions,
    sign_in: null,
    sign_up: null,
    last_active_session_id: client.sessions[0]?.id ?? null,
    last_authentication_strategy: null,
    captcha_bypass: false,
    cookie_expires_at: client.createdAt + CLIENT_LIFETIME_MS,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}

const disabledAttribute = {
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
};

/** A production instance with email identifiers, names, no organizations, billing or captcha. */
export function environmentJSON(appOrigin: string) {
  return {
    id: INSTANCE_ID,
    object: "environment",
    auth_config: {
      id: "aac_emulator",
      object: "auth_config",
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
    },
    display_config: {
      id: "display_config_emulator",
      object: "display_config",
      instance_environment_type: "production",
      application_name: "Taskpilot",
      theme: {
        general: {
          color: "#4f46e5",
          background_color: "#ffffff",
          font_family: "",
          font_color: "#111827",
          label_font_weight: "600",
          padding: "1em",
          border_radius: "0.5em",
          box_shadow: "0 2px 8px rgba(0, 0, 0, 0.2)",
        },
        buttons: { font_color: "#ffffff", font_family: "", font_weight: "600" },
        accounts: { background_color: "#ffffff" },
      },
      preferred_sign_in_strategy: "otp",
      logo_image_url: "",
      favicon_image_url: "",
      home_url: appOrigin,
      sign_in_url: `${appOrigin}/sign-in`,
      sign_up_url: `${appOrigin}/sign-up`,
      user_profile_url: "",
      waitlist_url: "",
      after_sign_in_url: `${appOrigin}/tasks`,
      after_sign_up_url: `${appOrigin}/tasks`,
      after_sign_out_one_url: `${appOrigin}/`,
      after_sign_out_all_url: `${appOrigin}/`,
      after_sign_out_url: `${appOrigin}/`,
      after_switch_session_url: `${appOrigin}/tasks`,
      after_join_waitlist_url: "",
      organization_profile_url: "",
      create_organization_url: "",
      after_leave_organization_url: "",
      after_create_organization_url: "",
      support_email: null,
      branded: false,
      captcha_public_key: null,
      captcha_public_key_invisible: null,
      captcha_widget_type: null,
      captcha_provider: "turnstile",
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
      show_devmode_warning: false,
      terms_url: null,
      privacy_policy_url: null,
      google_one_tap_client_id: null,
    },
    user_settings: {
      attributes: {
        email_address: {
          ...disabledAttribute,
          enabled: true,
          required: true,
          used_for_first_factor: true,
          first_factors: ["email_code"],
          verifications: ["email_code"],
          verify_at_sign_up: true,
        },
        first_name: { ...disabledAttribute, enabled: true },
        last_name: { ...disabledAttribute, enabled: true },
        phone_number: disabledAttribute,
        username: disabledAttribute,
        web3_wallet: disabledAttribute,
        password: disabledAttribute,
        authenticator_app: disabledAttribute,
        backup_code: disabledAttribute,
        passkey: disabledAttribute,
      },
      actions: { delete_self: false, create_organization: false },
      attack_protection: { enumeration_protection: { enabled: false } },
      enterprise_sso: { enabled: false },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      password_settings: { min_length: 8, max_length: 72, show_zxcvbn: false, min_zxcvbn_strength: 0 },
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: {
        allowlist_only: false,
        captcha_enabled: false,
        legal_consent_enabled: false,
        mode: "public",
        progressive: true,
        mfa: { required: false },
      },
      social: {},
      username_settings: { min_length: 4, max_length: 64 },
    },
    organization_settings: {
      enabled: false,
      max_allowed_memberships: 0,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: false },
      organization_creation_defaults: { enabled: false },
      force_organization_selection: false,
    },
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    protect_config: { id: "protect_config_emulator", object: "protect_config" },
    maintenance_mode: false,
    client_debug_mode: false,
    partitioned_cookies: false,
  };
}
