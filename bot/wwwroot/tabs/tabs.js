// The tabs' one script: Teams' theme on the page and kept in step, and tab single sign-on. Inside Teams a page that
// nobody is signed in to asks Teams for the user's token and trades it for a session; outside Teams it sends the
// browser to the sign-in.
(function () {
  "use strict";

  function applyTheme(theme) {
    var name = theme === "dark" || theme === "contrast" ? theme : "default";
    document.documentElement.setAttribute("data-theme", name);
    var fluent = window.Microsoft && window.Microsoft.FluentUI && window.Microsoft.FluentUI.Blazor &&
      window.Microsoft.FluentUI.Blazor.Utilities && window.Microsoft.FluentUI.Blazor.Utilities.Theme;
    if (fluent && fluent.setThemeMode) {
      try { fluent.setThemeMode(name === "default" ? "light" : "dark"); } catch (e) { /* the page keeps its own colours */ }
    }
  }

  function inTeamsFrame() {
    return window.parent !== window || !!window.nativeInterface || window.name === "embedded-page-container";
  }

  function signIn(teams) {
    var panel = document.getElementById("signin");
    if (!panel) {
      return;
    }
    var status = document.getElementById("signin-status");
    var outside = function () {
      var back = location.pathname + location.search;
      location.assign(panel.getAttribute("data-signin") + "?returnUrl=" + encodeURIComponent(back));
    };
    if (!teams) {
      outside();
      return;
    }
    teams.authentication.getAuthToken().then(function (token) {
      return fetch(panel.getAttribute("data-session"), {
        method: "POST",
        credentials: "include",
        headers: { "Authorization": "Bearer " + token }
      });
    }).then(function (response) {
      if (response.ok) {
        location.reload();
      } else if (status) {
        status.textContent = "Teams could not sign you in here (" + response.status + "). Use the link below instead.";
      }
    }).catch(function () {
      if (status) {
        status.textContent = "Teams did not give a sign-in. Use the link below instead.";
      }
    });
  }

  function start() {
    var teams = window.microsoftTeams;
    if (!teams || !inTeamsFrame()) {
      signIn(null);
      return;
    }
    teams.app.initialize().then(function () {
      return teams.app.getContext();
    }).then(function (context) {
      applyTheme(context && context.app ? context.app.theme : null);
      teams.app.registerOnThemeChangeHandler(applyTheme);
      teams.app.notifySuccess();
      wireConfiguration(teams);
      signIn(teams);
    }).catch(function () {
      signIn(null);
    });
  }

  // The channel tab's set-up page: the business unit chosen becomes the tab's address.
  function wireConfiguration(teams) {
    var form = document.getElementById("tab-config");
    if (!form || !teams.pages || !teams.pages.config) {
      return;
    }
    var select = form.querySelector("select");
    var update = function () {
      teams.pages.config.setValidityState(!!select.value);
    };
    select.addEventListener("change", update);
    update();
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      var unit = select.value;
      var base = location.origin + "/tabs/portfolio/unit/" + encodeURIComponent(unit);
      teams.pages.config.setConfig({
        entityId: "portfolio-" + unit,
        suggestedDisplayName: "Portfolio: " + unit,
        contentUrl: base + "?theme={theme}",
        websiteUrl: base
      }).then(function () { saveEvent.notifySuccess(); }, function (e) { saveEvent.notifyFailure(String(e)); });
    });
  }

  applyTheme(document.documentElement.getAttribute("data-theme"));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
