/*
 * Stripe.js stand-in, served by the Stripe emulator in place of https://js.stripe.com/endive/stripe.js.
 * It implements what @stripe/stripe-js and @stripe/react-stripe-js need for a Payment Element checkout:
 * `window.Stripe` (a plain function, version "endive", no `then`), elements() with one "payment" element
 * rendered as a real, labelled card form in the page (Stripe renders an iframe), confirmPayment() and
 * retrievePaymentIntent(). Card details go only to the emulator's API, never to the app.
 * The server prefixes `window.__STRIPE_EMULATOR__ = { apiBase }`.
 */
(function () {
  "use strict";

  if (window.Stripe) return;
  var apiBase = (window.__STRIPE_EMULATOR__ || {}).apiBase;
  var elementsState = new WeakMap();
  var nextFieldId = 0;

  function integrationError(message) {
    var error = new Error(message);
    error.name = "IntegrationError";
    return error;
  }

  /** Form encoding with Stripe's bracket notation for nested objects. */
  function encodeForm(params, prefix, pairs) {
    pairs = pairs || [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      var name = prefix ? prefix + "[" + key + "]" : key;
      if (value === undefined || value === null) return;
      if (typeof value === "object") encodeForm(value, name, pairs);
      else pairs.push(encodeURIComponent(name) + "=" + encodeURIComponent(String(value)));
    });
    return pairs.join("&");
  }

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

  function paymentIntentId(clientSecret) {
    var match = /^(pi_[^_]+)_secret_/.exec(String(clientSecret));
    if (!match)
      throw integrationError("Invalid value for clientSecret: expected a PaymentIntent client secret (pi_…_secret_…).");
    return match[1];
  }

  // ---- card field rules, with Stripe's wording ----

  function digits(value) {
    return value.replace(/\D/g, "");
  }

  function luhnValid(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var digit = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    return number.length > 0 && sum % 10 === 0;
  }

  function checkNumber(value) {
    var number = digits(value);
    if (!number) return { code: "incomplete_number", message: "Your card number is incomplete." };
    if (number.length < 16) return { code: "incomplete_number", message: "Your card number is incomplete." };
    if (!luhnValid(number)) return { code: "invalid_number", message: "Your card number is invalid." };
    return null;
  }

  function parseExpiry(value) {
    var d = digits(value);
    return { month: Number(d.slice(0, 2)), year: 2000 + Number(d.slice(2, 4)), complete: d.length === 4 };
  }

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

  function checkCvc(value) {
    return digits(value).length >= 3
      ? null
      : { code: "incomplete_cvc", message: "Your card's security code is incomplete." };
  }

  function formatNumber(value) {
    return digits(value)
      .slice(0, 16)
      .replace(/(\d{4})(?=\d)/g, "$1 ");
  }

  function formatExpiry(value) {
    var d = digits(value).slice(0, 4);
    return d.length > 2 ? d.slice(0, 2) + " / " + d.slice(2) : d;
  }

  // ---- the Payment Element ----

  var STYLE =
    ".stripe-emulator-form{display:grid;gap:12px;font:inherit}" +
    ".stripe-emulator-row{display:grid;grid-template-columns:1fr 1fr;gap:12px}" +
    ".stripe-emulator-field{display:grid;gap:4px}" +
    ".stripe-emulator-field label{font-size:0.875rem}" +
    ".stripe-emulator-field input{padding:10px 12px;border:1px solid #d1d5db;border-radius:6px;font:inherit}" +
    ".stripe-emulator-field input[aria-invalid=true]{border-color:#df1b41}" +
    ".stripe-emulator-error{color:#df1b41;font-size:0.875rem;margin:0;min-height:1.25em}";

  function injectStyle() {
    if (document.getElementById("stripe-emulator-style")) return;
    var style = document.createElement("style");
    style.id = "stripe-emulator-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

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
      input.setAttribute(name, attributes[name]);
    });
    wrapper.appendChild(labelNode);
    wrapper.appendChild(input);
    return { wrapper: wrapper, input: input };
  }

  function createPaymentElement(owner, options) {
    var listeners = {};
    var root = null;
    var fields = null;
    var settings = Object.assign({}, options);

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

    function problems() {
      var v = values();
      return [
        { field: "number", error: checkNumber(v.number) },
        { field: "expiry", error: checkExpiry(v.expiry) },
        { field: "cvc", error: checkCvc(v.cvc) },
      ].filter(function (entry) {
        return entry.error;
      });
    }

    /** Shows each field's problem once the shopper has left it (or on submit, for all fields). */
    function showErrors(all) {
      if (!fields) return;
      var first = null;
      ["number", "expiry", "cvc"].forEach(function (name) {
        var field = fields[name];
        var entry = problems().filter(function (p) {
          return p.field === name;
        })[0];
        var shown = entry && (all || (field.touched && field.input.value));
        field.input.setAttribute("aria-invalid", shown ? "true" : "false");
        if (shown && !first) first = entry.error.message;
      });
      fields.error.textContent = first || "";
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
      ["number", "expiry", "cvc"].forEach(function (name) {
        fields[name].input.disabled = Boolean(settings.readOnly);
      });
    }

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
      fields = { number: number, expiry: expiry, cvc: cvc, error: error };
      var formatters = {
        number: formatNumber,
        expiry: formatExpiry,
        cvc: function (v) {
          return digits(v).slice(0, 4);
        },
      };
      ["number", "expiry", "cvc"].forEach(function (name) {
        var field = fields[name];
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
        if (document.activeElement && root && root.contains(document.activeElement)) document.activeElement.blur();
      },
      clear: function () {
        if (!fields) return;
        ["number", "expiry", "cvc"].forEach(function (name) {
          fields[name].input.value = "";
          fields[name].touched = false;
        });
        showErrors(false);
        changed();
      },
    };

    // Used by confirmPayment: the first problem (shown in the form) or the card to send.
    elementsState.get(owner).readCard = function () {
      var found = problems()[0];
      showErrors(true);
      if (found) return { error: { type: "validation_error", code: found.error.code, message: found.error.message } };
      var v = values();
      var expiry = parseExpiry(v.expiry);
      return { card: { number: digits(v.number), exp_month: expiry.month, exp_year: expiry.year, cvc: digits(v.cvc) } };
    };
    return element;
  }

  function createElements(options) {
    var elements = {
      create: function (type, elementOptions) {
        var state = elementsState.get(elements);
        if (type !== "payment")
          throw integrationError("The Stripe emulator supports only the Payment Element; got '" + type + "'.");
        if (state.payment) throw integrationError("Can only create one Element of type payment.");
        state.payment = createPaymentElement(elements, elementOptions || {});
        return state.payment;
      },
      getElement: function (type) {
        return type === "payment" ? elementsState.get(elements).payment : null;
      },
      update: function (nextOptions) {
        Object.assign(elementsState.get(elements).options, nextOptions);
      },
      fetchUpdates: function () {
        return Promise.resolve({});
      },
      submit: function () {
        var state = elementsState.get(elements);
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

  var REDIRECT_STATUS = { succeeded: "succeeded", processing: "processing", requires_payment_method: "failed" };

  function createInstance(publishableKey) {
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
      elements: function (options) {
        return createElements(options || {});
      },
      createToken: unsupported("createToken"),
      createPaymentMethod: unsupported("createPaymentMethod"),
      confirmCardPayment: unsupported("confirmCardPayment"),
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
              "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
            ),
          );
        }
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
          var target = new URL(confirmParams.return_url, window.location.href);
          target.searchParams.set("payment_intent", body.id);
          target.searchParams.set("payment_intent_client_secret", clientSecret);
          target.searchParams.set("redirect_status", REDIRECT_STATUS[body.status] || "failed");
          window.location.assign(target.toString());
          // The page is leaving; like Stripe.js, never settle.
          return new Promise(function () {});
        });
      },
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
  window.Stripe = Stripe;
})();
