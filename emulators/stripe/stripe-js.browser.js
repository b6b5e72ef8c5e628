// @ts-check
/*
 * Stripe.js stand-in, served by the Stripe emulator in place of https://js.stripe.com/endive/stripe.js.
 * It implements what @stripe/stripe-js and @stripe/react-stripe-js need for a Payment Element checkout:
 * `window.Stripe` (a plain function, version "endive", no `then`), elements() with one "payment" element
 * rendered as a real, labelled card form in the page (Stripe renders an iframe), confirmPayment() and
 * retrievePaymentIntent(). Card details go only to the emulator's API, never to the app.
 * The server prefixes `window.__STRIPE_EMULATOR__ = { apiBase }`.
 * Type-checked through stripe-js.tsconfig.json (JSDoc types, so it is served as written).
 */

/**
 * @typedef {{ type: string, code?: string, message: string }} StripeError
 * @typedef {{ error: StripeError }} Failure
 * @typedef {{ error?: undefined, id: string, status: string }} PaymentIntentBody
 * @typedef {{ code: string, message: string }} Problem
 * @typedef {"number" | "expiry" | "cvc"} FieldName
 * @typedef {{ field: FieldName, error: Problem }} FieldProblem
 * @typedef {{ wrapper: HTMLDivElement, input: HTMLInputElement, touched?: boolean }} Field
 * @typedef {Record<FieldName, Field> & { error: HTMLParagraphElement }} Fields
 * @typedef {{ number: string, exp_month: number, exp_year: number, cvc: string }} Card
 * @typedef {Failure | { error?: undefined, card: Card }} CardReading
 * @typedef {(payload: unknown) => void} Listener
 * @typedef {Record<string, unknown>} Options
 *
 * @typedef {object} PaymentElement
 * @property {(target: string | Element) => void} mount
 * @property {() => void} unmount
 * @property {() => void} destroy
 * @property {(type: string, handler: Listener) => PaymentElement} on
 * @property {(type: string, handler: Listener) => PaymentElement} once
 * @property {(type: string, handler?: Listener) => PaymentElement} off
 * @property {(options: Options) => void} update
 * @property {() => void} focus
 * @property {() => void} blur
 * @property {() => void} clear
 *
 * @typedef {object} Elements
 * @property {(type: string, options?: Options) => PaymentElement} create
 * @property {(type: string) => PaymentElement | null} getElement
 * @property {(options: Options) => void} update
 * @property {() => Promise<object>} fetchUpdates
 * @property {() => Promise<Partial<Failure>>} submit
 *
 * @typedef {{ options: Options, payment: PaymentElement | null, readCard: (() => CardReading) | null }} ElementsState
 */

(function () {
  "use strict";

  var page = /** @type {Window & { Stripe?: unknown, __STRIPE_EMULATOR__?: { apiBase: string } }} */ (window);
  if (page.Stripe) return;
  var apiBase = page.__STRIPE_EMULATOR__ ? page.__STRIPE_EMULATOR__.apiBase : undefined;
  /** @type {WeakMap<Elements, ElementsState>} */
  var elementsState = new WeakMap();
  /** @type {FieldName[]} */
  var FIELD_NAMES = ["number", "expiry", "cvc"];
  var nextFieldId = 0;

  /** @param {string} message */
  function integrationError(message) {
    var error = new Error(message);
    error.name = "IntegrationError";
    return error;
  }

  /**
   * Form encoding with Stripe's bracket notation for nested objects.
   * @param {Options} params
   * @param {string} [prefix]
   * @param {string[]} [pairs]
   * @returns {string}
   */
  function encodeForm(params, prefix, pairs) {
    var encoded = pairs || [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      var name = prefix ? prefix + "[" + key + "]" : key;
      if (value === undefined || value === null) return;
      if (typeof value === "object") encodeForm(/** @type {Options} */ (value), name, encoded);
      else encoded.push(encodeURIComponent(name) + "=" + encodeURIComponent(String(value)));
    });
    return encoded.join("&");
  }

  /**
   * @param {string} publishableKey
   * @param {"GET" | "POST"} method
   * @param {string} path
   * @param {Options} params
   * @returns {Promise<Failure | PaymentIntentBody>}
   */
  function request(publishableKey, method, path, params) {
    var query = encodeForm(params);
    var url = apiBase + path + (method === "GET" ? "?" + query : "");
    return fetch(url, {
      method: method,
      headers: { Authorization: "Bearer " + publishableKey, "Content-Type": "application/x-www-form-urlencoded" },
      body: method === "POST" ? query : undefined,
    })
      .then(function (response) {
        return response.json();
      })
      .catch(function () {
        return {
          error: { type: "api_connection_error", message: "Could not reach the Stripe emulator at " + apiBase + "." },
        };
      });
  }

  /**
   * @param {unknown} clientSecret
   * @returns {string}
   */
  function paymentIntentId(clientSecret) {
    var match = /^(pi_[^_]+)_secret_/.exec(String(clientSecret));
    if (!match)
      throw integrationError("Invalid value for clientSecret: expected a PaymentIntent client secret (pi_…_secret_…).");
    return /** @type {string} */ (match[1]);
  }

  // ---- card field rules, with Stripe's wording ----

  /** @param {string} value */
  function digits(value) {
    return value.replace(/\D/g, "");
  }

  /** @param {string} number */
  function luhnValid(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var digit = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    return number.length > 0 && sum % 10 === 0;
  }

  /**
   * @param {string} value
   * @returns {Problem | null}
   */
  function checkNumber(value) {
    var number = digits(value);
    if (!number) return { code: "incomplete_number", message: "Your card number is incomplete." };
    if (number.length < 16) return { code: "incomplete_number", message: "Your card number is incomplete." };
    if (!luhnValid(number)) return { code: "invalid_number", message: "Your card number is invalid." };
    return null;
  }

  /** @param {string} value */
  function parseExpiry(value) {
    var d = digits(value);
    return { month: Number(d.slice(0, 2)), year: 2000 + Number(d.slice(2, 4)), complete: d.length === 4 };
  }

  /**
   * @param {string} value
   * @returns {Problem | null}
   */
  function checkExpiry(value) {
    var expiry = parseExpiry(value);
    if (!expiry.complete) return { code: "incomplete_expiry", message: "Your card's expiration date is incomplete." };
    if (expiry.month < 1 || expiry.month > 12)
      return { code: "invalid_expiry_month", message: "Your card's expiration date is invalid." };
    var now = new Date();
    if (expiry.year < now.getFullYear() || (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1)) {
      return { code: "invalid_expiry_year_past", message: "Your card's expiration year is in the past." };
    }
    return null;
  }

  /**
   * @param {string} value
   * @returns {Problem | null}
   */
  function checkCvc(value) {
    return digits(value).length >= 3
      ? null
      : { code: "incomplete_cvc", message: "Your card's security code is incomplete." };
  }

  /** @param {string} value */
  function formatNumber(value) {
    return digits(value)
      .slice(0, 16)
      .replace(/(\d{4})(?=\d)/g, "$1 ");
  }

  /** @param {string} value */
  function formatExpiry(value) {
    var d = digits(value).slice(0, 4);
    return d.length > 2 ? d.slice(0, 2) + " / " + d.slice(2) : d;
  }

  // ---- the Payment Element ----

  var STYLE =
    ".stripe-emulator-form{display:grid;gap:12px;font:inherit}" +
    ".stripe-emulator-row{display:grid;grid-template-columns:1fr 1fr;gap:12px}" +
    // Like Stripe's own element, the fields shrink to a phone's width instead of widening the page.
    ".stripe-emulator-field{display:grid;gap:4px;min-width:0}" +
    ".stripe-emulator-field label{font-size:0.875rem}" +
    ".stripe-emulator-field input{box-sizing:border-box;width:100%;min-width:0;padding:10px 12px;" +
    "border:1px solid #d1d5db;border-radius:6px;font:inherit}" +
    ".stripe-emulator-field input[aria-invalid=true]{border-color:#df1b41}" +
    ".stripe-emulator-error{color:#df1b41;font-size:0.875rem;margin:0;min-height:1.25em}";

  function injectStyle() {
    if (document.getElementById("stripe-emulator-style")) return;
    var style = document.createElement("style");
    style.id = "stripe-emulator-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  /**
   * @param {string} label
   * @param {Record<string, string>} attributes
   * @returns {Field}
   */
  function createField(label, attributes) {
    var id = "stripe-emulator-field-" + ++nextFieldId;
    var wrapper = document.createElement("div");
    wrapper.className = "stripe-emulator-field";
    var labelNode = document.createElement("label");
    labelNode.htmlFor = id;
    labelNode.textContent = label;
    var input = document.createElement("input");
    input.id = id;
    input.type = "text";
    input.setAttribute("aria-invalid", "false");
    Object.keys(attributes).forEach(function (name) {
      input.setAttribute(name, String(attributes[name]));
    });
    wrapper.appendChild(labelNode);
    wrapper.appendChild(input);
    return { wrapper: wrapper, input: input };
  }

  /**
   * @param {Elements} owner
   * @param {Options} options
   * @returns {PaymentElement}
   */
  function createPaymentElement(owner, options) {
    /** @type {Record<string, Listener[]>} */
    var listeners = {};
    /** @type {HTMLDivElement | null} */
    var root = null;
    /** @type {Fields | null} */
    var fields = null;
    var settings = Object.assign({}, options);

    /**
     * @param {string} type
     * @param {unknown} payload
     */
    function emit(type, payload) {
      (listeners[type] || []).slice().forEach(function (handler) {
        handler(payload);
      });
    }

    function values() {
      return fields
        ? { number: fields.number.input.value, expiry: fields.expiry.input.value, cvc: fields.cvc.input.value }
        : { number: "", expiry: "", cvc: "" };
    }

    /** @returns {FieldProblem[]} */
    function problems() {
      var v = values();
      /** @type {{ field: FieldName, error: Problem | null }[]} */
      var checked = [
        { field: "number", error: checkNumber(v.number) },
        { field: "expiry", error: checkExpiry(v.expiry) },
        { field: "cvc", error: checkCvc(v.cvc) },
      ];
      return checked.filter(
        /** @returns {entry is FieldProblem} */
        function (entry) {
          return entry.error !== null;
        },
      );
    }

    /**
     * Shows each field's problem once the shopper has left it (or on submit, for all fields).
     * @param {boolean} all
     */
    function showErrors(all) {
      if (!fields) return;
      /** @type {Fields} */
      var shownFields = fields;
      /** @type {string | null} */
      var first = null;
      FIELD_NAMES.forEach(function (name) {
        var field = shownFields[name];
        var entry = problems().filter(function (p) {
          return p.field === name;
        })[0];
        var shown = entry && (all || (field.touched && field.input.value));
        field.input.setAttribute("aria-invalid", shown ? "true" : "false");
        if (entry && shown && !first) first = entry.error.message;
      });
      shownFields.error.textContent = first || "";
    }

    function changed() {
      var v = values();
      emit("change", {
        elementType: "payment",
        empty: !v.number && !v.expiry && !v.cvc,
        complete: problems().length === 0,
        collapsed: false,
        value: { type: "card" },
      });
    }

    function applySettings() {
      if (!fields) return;
      /** @type {Fields} */
      var current = fields;
      FIELD_NAMES.forEach(function (name) {
        current[name].input.disabled = Boolean(settings.readOnly);
      });
    }

    /** @param {Element} container */
    function render(container) {
      injectStyle();
      root = document.createElement("div");
      root.className = "stripe-emulator-form";
      root.setAttribute("data-testid", "stripe-emulator-payment-element");
      var number = createField("Card number", {
        name: "cardnumber",
        inputmode: "numeric",
        autocomplete: "cc-number",
        placeholder: "1234 1234 1234 1234",
      });
      var expiry = createField("Expiration date", {
        name: "exp-date",
        inputmode: "numeric",
        autocomplete: "cc-exp",
        placeholder: "MM / YY",
      });
      var cvc = createField("Security code", {
        name: "cvc",
        inputmode: "numeric",
        autocomplete: "cc-csc",
        placeholder: "CVC",
        maxlength: "4",
      });
      var error = document.createElement("p");
      error.className = "stripe-emulator-error";
      error.setAttribute("role", "alert");
      error.id = "stripe-emulator-error-" + ++nextFieldId;
      var row = document.createElement("div");
      row.className = "stripe-emulator-row";
      row.appendChild(expiry.wrapper);
      row.appendChild(cvc.wrapper);
      root.appendChild(number.wrapper);
      root.appendChild(row);
      root.appendChild(error);
      var created = { number: number, expiry: expiry, cvc: cvc, error: error };
      fields = created;
      /** @type {Record<FieldName, (value: string) => string>} */
      var formatters = {
        number: formatNumber,
        expiry: formatExpiry,
        cvc: function (v) {
          return digits(v).slice(0, 4);
        },
      };
      FIELD_NAMES.forEach(function (name) {
        var field = created[name];
        field.input.setAttribute("aria-describedby", error.id);
        field.input.addEventListener("input", function () {
          field.input.value = formatters[name](field.input.value);
          showErrors(false);
          changed();
        });
        field.input.addEventListener("focus", function () {
          emit("focus", { elementType: "payment" });
        });
        field.input.addEventListener("blur", function () {
          field.touched = true;
          showErrors(false);
          emit("blur", { elementType: "payment" });
        });
      });
      applySettings();
      container.appendChild(root);
    }

    /** @type {PaymentElement} */
    var element = {
      mount: function (target) {
        var container = typeof target === "string" ? document.querySelector(target) : target;
        if (!container || !container.appendChild)
          throw integrationError("Invalid DOM element or selector passed to mount().");
        if (root) throw integrationError("This Element is already mounted. Use unmount() before mounting it again.");
        render(container);
        // Listeners are attached after mount (react-stripe-js does it in an effect), so report readiness later.
        setTimeout(function () {
          emit("ready", { elementType: "payment" });
        }, 0);
      },
      unmount: function () {
        if (root && root.parentNode) root.parentNode.removeChild(root);
        root = null;
        fields = null;
      },
      destroy: function () {
        element.unmount();
        listeners = {};
        var state = elementsState.get(owner);
        if (state && state.payment === element) {
          state.payment = null;
          state.readCard = null;
        }
      },
      on: function (type, handler) {
        (listeners[type] = listeners[type] || []).push(handler);
        return element;
      },
      once: function (type, handler) {
        /** @param {unknown} payload */
        function wrapped(payload) {
          element.off(type, wrapped);
          handler(payload);
        }
        return element.on(type, wrapped);
      },
      off: function (type, handler) {
        if (!handler) delete listeners[type];
        else
          listeners[type] = (listeners[type] || []).filter(function (h) {
            return h !== handler;
          });
        return element;
      },
      update: function (nextOptions) {
        Object.assign(settings, nextOptions);
        applySettings();
      },
      focus: function () {
        if (fields) fields.number.input.focus();
      },
      blur: function () {
        var active = /** @type {HTMLElement | null} */ (document.activeElement);
        if (active && root && root.contains(active)) active.blur();
      },
      clear: function () {
        if (!fields) return;
        /** @type {Fields} */
        var current = fields;
        FIELD_NAMES.forEach(function (name) {
          current[name].input.value = "";
          current[name].touched = false;
        });
        showErrors(false);
        changed();
      },
    };

    // Used by confirmPayment: the first problem (shown in the form) or the card to send.
    stateOf(owner).readCard = function () {
      var found = problems()[0];
      showErrors(true);
      if (found) return { error: { type: "validation_error", code: found.error.code, message: found.error.message } };
      var v = values();
      var expiry = parseExpiry(v.expiry);
      return { card: { number: digits(v.number), exp_month: expiry.month, exp_year: expiry.year, cvc: digits(v.cvc) } };
    };
    return element;
  }

  /**
   * Every Elements instance has its state from the moment it is created.
   * @param {Elements} elements
   * @returns {ElementsState}
   */
  function stateOf(elements) {
    return /** @type {ElementsState} */ (elementsState.get(elements));
  }

  /** @param {Options} options */
  function createElements(options) {
    /** @type {Elements} */
    var elements = {
      create: function (type, elementOptions) {
        var state = stateOf(elements);
        if (type !== "payment")
          throw integrationError("The Stripe emulator supports only the Payment Element; got '" + type + "'.");
        if (state.payment) throw integrationError("Can only create one Element of type payment.");
        state.payment = createPaymentElement(elements, elementOptions || {});
        return state.payment;
      },
      getElement: function (type) {
        return type === "payment" ? stateOf(elements).payment : null;
      },
      update: function (nextOptions) {
        Object.assign(stateOf(elements).options, nextOptions);
      },
      fetchUpdates: function () {
        return Promise.resolve({});
      },
      submit: function () {
        var state = stateOf(elements);
        var result =
          state.payment && state.readCard
            ? state.readCard()
            : { error: { type: "validation_error", message: "No payment element is mounted." } };
        return Promise.resolve(result.error ? { error: result.error } : {});
      },
    };
    elementsState.set(elements, { options: Object.assign({}, options), payment: null, readCard: null });
    return elements;
  }

  /** @type {Record<string, string>} */
  var REDIRECT_STATUS = { succeeded: "succeeded", processing: "processing", requires_payment_method: "failed" };

  /** @param {string} publishableKey */
  function createInstance(publishableKey) {
    /** @param {string} name */
    function unsupported(name) {
      return function () {
        return Promise.resolve({
          error: {
            type: "invalid_request_error",
            message: name + " is not supported by the Stripe emulator; use the Payment Element with confirmPayment.",
          },
        });
      };
    }

    return {
      /** @param {Options} [options] */
      elements: function (options) {
        return createElements(options || {});
      },
      createToken: unsupported("createToken"),
      createPaymentMethod: unsupported("createPaymentMethod"),
      confirmCardPayment: unsupported("confirmCardPayment"),
      /**
       * @param {{ elements?: Elements, clientSecret?: string, redirect?: "always" | "if_required",
       *   confirmParams?: { return_url?: string, payment_method_data?: Options } }} [args]
       */
      confirmPayment: function (args) {
        args = args || {};
        var state = args.elements && elementsState.get(args.elements);
        if (!state)
          return Promise.reject(integrationError("stripe.confirmPayment(): expected an `elements` instance."));
        var clientSecret = args.clientSecret || state.options.clientSecret;
        var confirmParams = Object.assign({}, args.confirmParams);
        var redirect = args.redirect || "always";
        if (!clientSecret)
          return Promise.reject(integrationError("stripe.confirmPayment(): a client secret is required."));
        if (redirect === "always" && !confirmParams.return_url) {
          return Promise.reject(
            integrationError(
              "stripe.confirmPayment(): the `confirmParams.return_url` argument is required " +
                "unless passing `redirect: 'if_required'`",
            ),
          );
        }
        /** @type {CardReading} */
        var read = state.readCard
          ? state.readCard()
          : { error: { type: "validation_error", message: "No payment element is mounted." } };
        if (read.error) return Promise.resolve({ error: read.error });
        var id = paymentIntentId(clientSecret);
        var params = Object.assign({}, confirmParams, {
          client_secret: clientSecret,
          payment_method_data: Object.assign({}, confirmParams.payment_method_data, { type: "card", card: read.card }),
        });
        return request(publishableKey, "POST", "/v1/payment_intents/" + id + "/confirm", params).then(function (body) {
          // Declines and other errors resolve without leaving the page, as on Stripe.
          if (body.error) return { error: body.error };
          if (redirect === "if_required") return { paymentIntent: body };
          var target = new URL(/** @type {string} */ (confirmParams.return_url), window.location.href);
          target.searchParams.set("payment_intent", body.id);
          target.searchParams.set("payment_intent_client_secret", String(clientSecret));
          target.searchParams.set("redirect_status", REDIRECT_STATUS[body.status] || "failed");
          window.location.assign(target.toString());
          // The page is leaving; like Stripe.js, never settle.
          return new Promise(function () {});
        });
      },
      /** @param {string} clientSecret */
      retrievePaymentIntent: function (clientSecret) {
        var id = paymentIntentId(clientSecret);
        return request(publishableKey, "GET", "/v1/payment_intents/" + id, { client_secret: clientSecret }).then(
          function (body) {
            return body.error ? { error: body.error } : { paymentIntent: body };
          },
        );
      },
      registerAppInfo: function () {},
      _registerWrapper: function () {},
    };
  }

  /** @param {unknown} publishableKey */
  function Stripe(publishableKey) {
    if (typeof publishableKey === "string" && /^sk_/.test(publishableKey)) {
      throw integrationError(
        "You should not use your secret key with Stripe.js. Please pass a publishable key instead.",
      );
    }
    if (typeof publishableKey !== "string" || !/^pk_(test|live)_/.test(publishableKey)) {
      throw integrationError("Invalid value for Stripe(): apiKey should be a publishable key (pk_test_…).");
    }
    return createInstance(publishableKey);
  }
  Stripe.version = "endive";
  // Not `page.Stripe =`: where @stripe/stripe-js's types are loaded, window.Stripe has the real constructor's type.
  Object.assign(page, { Stripe: Stripe });
})();
