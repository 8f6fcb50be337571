using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace FreelancerOS.Web.Infrastructure;

public static class UserCulture
{
    /// <summary>Cultures offered in Settings; each formats numbers and dates the way its users expect.</summary>
    public static readonly IReadOnlyList<string> Offered =
    [
        "en-GB", "en-US", "en-IE", "en-AU", "en-CA", "en-IN", "en-NZ", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE",
        "fr-CA", "es-ES", "es-MX", "it-IT", "nl-NL", "nl-BE", "pt-PT", "pt-BR", "pl-PL", "sv-SE", "da-DK",
        "nb-NO", "fi-FI", "cs-CZ", "ja-JP",
    ];

    public static bool IsOffered(string? name) => name is not null && Offered.Contains(name);

    /// <summary>
    /// The signed-in account's culture, from the settings the sign-in check has just read (so a change made in
    /// another browser applies at the next request, at no extra statement); none for a visitor.
    /// </summary>
    public sealed class FromAccount : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (httpContext.User.Identity?.IsAuthenticated != true) return null;
            var name = (await httpContext.RequestServices.GetRequiredService<CurrentAccount>().SettingsAsync(httpContext.RequestAborted)).Culture;
            return IsOffered(name) ? new ProviderCultureResult(name) : null;
        }
    }

    public static IApplicationBuilder UseUserCulture(this IApplicationBuilder app)
    {
        var cultures = Offered.Select(CultureInfo.GetCultureInfo).ToList();
        return app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en-GB");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new FromAccount()];
        });
    }
}
