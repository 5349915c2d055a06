using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Arsip.Access;

/// <summary>How the access module plugs in: sign-in schemes, the role policies, the caller as a handler parameter.</summary>
public static class Configuration
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<PrincipalCache>();
        services.AddSingleton<SignInThrottle>();
        services.AddAuthentication(Authentication.Scheme)
            .AddPolicyScheme(Authentication.Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? Authentication.BearerScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "arsip";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.LoginPath = "/masuk";
                o.AccessDeniedPath = "/galat/403";
                o.Events.OnRedirectToLogin = ctx => Authentication.ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Authentication.ApiAware(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = Authentication.RefreshCookiePrincipal;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Authentication.BearerScheme, null);
        // after AddCookie's own post-configuration, which makes the ticket format this wraps
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CookieTicketCache.Setup>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administrator, p => p.RequireRole(nameof(Role.Administrator)))
            .AddPolicy(Policies.Registrar, p => p.RequireRole(nameof(Role.Registrar), nameof(Role.Administrator)))
            .AddPolicy(Policies.Auditor, p => p.RequireRole(nameof(Role.Auditor), nameof(Role.Administrator)))
            .AddPolicy(Policies.Official, p => p.RequireRole(nameof(Role.Official)))
            .AddPolicy(Policies.Monitoring, p => p.RequireRole(nameof(Role.Official), nameof(Role.Auditor), nameof(Role.Administrator)))
            .AddPolicy(Policies.Archivist, p => p.RequireRole(nameof(Role.Archivist), nameof(Role.Administrator)))
            .AddPolicy(Policies.Operator, p => p.RequireClaim(ArsipClaims.Operator))
            .AddPolicy(Policies.CaseFiles, p => p.RequireRole(nameof(Role.Archivist), nameof(Role.Registrar), nameof(Role.Administrator)));
    }

    /// <summary>Cached principals are dropped when the organization they were built from changes.</summary>
    public static void Configure(StoreOptions opts, IServiceProvider services) =>
        opts.Listeners.Add(new OrganizationChangeListener(services.GetRequiredService<PrincipalCache>()));

    public static void Configure(WolverineOptions opts) => opts.CodeGeneration.Sources.Add(new CallerSource());
}
