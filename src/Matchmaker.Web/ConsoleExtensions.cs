using System.Globalization;
using System.Security.Claims;
using Matchmaker.Security;
using Matchmaker.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Web;

/// <summary>
/// The staff's web console: Blazor (interactive server) pages under /console on the host's HTTP/1.1 (REST) port,
/// calling Core's event services directly, as the gRPC services do. Sign-in takes a staff or admin API key (or,
/// in development mode, a click) and keeps a cookie; the portal and data-scientist roles are refused.
/// </summary>
public static class ConsoleExtensions
{
    /// <summary>The cookie scheme of signed-in staff.</summary>
    public const string CookieScheme = "MatchmakerConsole";

    public const string SignInPath = "/console/signin";

    /// <summary>Requests the console's cookie authenticates: its pages and Blazor's circuit hub.</summary>
    public static bool IsConsoleRequest(PathString path) => path.StartsWithSegments("/console") || path.StartsWithSegments("/_blazor");

    public static IServiceCollection AddMatchmakerConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        return services;
    }

    /// <summary>The cookie scheme's options: where to sign in, and a revoked key's session ending at its next request.</summary>
    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "matchmaker_console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = context =>
            {
                var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                var signIn = context.HttpContext.RequestServices.GetRequiredService<IConsoleSignIn>();
                if (id is null || (id != ApiKeyStore.DevelopmentCallerId && !signIn.Active(id)) || (id == ApiKeyStore.DevelopmentCallerId && !signIn.DevelopmentMode))
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });

    /// <summary>Request cultures (English, Russian, Korean; the culture cookie, then the browser's languages), the pages, sign-in, sign-out and the language switch.</summary>
    public static WebApplication UseMatchmakerConsoleCultures(this WebApplication app)
    {
        var cultures = ConsoleText.Cultures.Select(CultureInfo.GetCultureInfo).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // Language names are enough: "ru-RU" and "ko-KR" from a browser fall back to ru and ko.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        });
        return app;
    }

    public static WebApplication MapMatchmakerConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost(SignInPath, SignInAsync);
        app.MapPost("/console/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieScheme);
            return Results.LocalRedirect(SignInPath);
        });
        app.MapGet("/console/kpis.csv", (Matchmaker.Events.EventReports reports, string? from, string? to, string? by) =>
        {
            // The dates as every other staff date is read (the same words as the API's and the CLI's refusals).
            var violations = new List<Matchmaker.Profiles.FieldViolation>();
            var f = Matchmaker.Events.LocalTimeText.Date(from ?? "", "from", violations);
            var t = Matchmaker.Events.LocalTimeText.Date(to ?? "", "to", violations);
            if (violations.Count == 0 && t < f)
            {
                violations.Add(new("to", $"{t:yyyy-MM-dd} is before from ({f:yyyy-MM-dd})"));
            }

            if (by is not null && by.Length > 0 && by != "month")
            {
                violations.Add(new("by", $"'{by}' is not a grouping: leave it out (each event and the total) or say month"));
            }

            if (violations.Count > 0)
            {
                return Results.Text(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Reason}")), "text/plain; charset=utf-8", statusCode: 400);
            }

            if (by == "month")
            {
                return Results.File(System.Text.Encoding.UTF8.GetBytes(Matchmaker.Events.MonthKpis.Csv(reports.Monthly(f, t))), "text/csv; charset=utf-8",
                    $"kpis-by-month-{f:yyyy-MM-dd}-{t:yyyy-MM-dd}.csv");
            }

            var (events, total) = reports.Between(f, t);
            var csv = Matchmaker.Events.EventKpis.Csv([.. events, total]);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"kpis-{f:yyyy-MM-dd}-{t:yyyy-MM-dd}.csv");
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.EventStaff });
        app.MapGet("/console/events/{eventId}/participants/{participantId}/agenda.ics", (Matchmaker.Events.EventCatalog events, Matchmaker.Events.EventRosters rosters,
            Matchmaker.Events.EventBoards boards, string eventId, string participantId) =>
        {
            if (events.Get(eventId) is not { } e || !rosters.Of(e.Id).ById.TryGetValue(participantId, out var who))
            {
                return Results.NotFound($"no participant {participantId} in event {eventId}");
            }

            // The same file as the GetAgenda rpc's (and `matchmaker event agenda --ics`).
            var ics = Matchmaker.Events.AgendaWriter.Ics(e, boards.Of(e.Id).Agenda(who.Id), rosters.Of(e.Id).Names(), who.Id);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{e.Id}-{who.Id}.ics");
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.EventStaff });
        app.MapGet("/console/culture", (HttpContext context, string? c, string? back) =>
        {
            if (c is not null && ConsoleText.Cultures.Contains(c))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return Results.LocalRedirect(LocalConsolePath(back));
        });
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IConsoleSignIn signIn, [FromForm] string? key, [FromForm] string? returnUrl,
        [FromForm] string? development)
    {
        var back = LocalConsolePath(returnUrl);
        (string Id, string Name, string Role)? who;
        if (development == "true")
        {
            if (!signIn.DevelopmentMode || !signIn.IsLocal(context))
            {
                return Refused("development");
            }

            who = (ApiKeyStore.DevelopmentCallerId, "development", Roles.Admin);
        }
        else if (string.IsNullOrWhiteSpace(key))
        {
            return Refused("empty");
        }
        else if (signIn.Find(key.Trim()) is not { } found)
        {
            return Refused("unknown");
        }
        else if (found.Role is not (Roles.Staff or Roles.Admin))
        {
            return Results.LocalRedirect($"{SignInPath}?error=role&role={Uri.EscapeDataString(found.Role)}&returnUrl={Uri.EscapeDataString(back)}");
        }
        else
        {
            who = found;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, who.Value.Id), new Claim(ClaimTypes.Name, who.Value.Name), new Claim(ClaimTypes.Role, who.Value.Role)], CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(back);

        IResult Refused(string error) => Results.LocalRedirect($"{SignInPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    // Only a path of the console itself: never a redirect off the site.
    private static string LocalConsolePath(string? path) =>
        path is { Length: > 0 } p && p.StartsWith("/console", StringComparison.Ordinal) && !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal)
            ? p
            : "/console";
}
