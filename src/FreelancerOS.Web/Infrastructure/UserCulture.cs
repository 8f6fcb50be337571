using System.Globalization;
using System.Security.Claims;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FreelancerOS.Web.Infrastructure;

public static class UserCulture
{
    public const string ClaimType = "freelanceros:culture";

    /// <summary>Cultures offered in Settings; each formats numbers and dates the way its users expect.</summary>
    public static readonly IReadOnlyList<string> Offered =
    [
        "en-GB", "en-US", "en-IE", "en-AU", "en-CA", "en-IN", "en-NZ", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE",
        "fr-CA", "es-ES", "es-MX", "it-IT", "nl-NL", "nl-BE", "pt-PT", "pt-BR", "pl-PL", "sv-SE", "da-DK",
        "nb-NO", "fi-FI", "cs-CZ", "ja-JP",
    ];

    public static bool IsOffered(string? name) => name is not null && Offered.Contains(name);

    /// <summary>Reads the display culture from the sign-in cookie, so no request pays a query for it.</summary>
    public sealed class FromClaim : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var name = httpContext.User.FindFirstValue(ClaimType);
            return Task.FromResult(IsOffered(name) ? new ProviderCultureResult(name) : null);
        }
    }

    /// <summary>Puts the account's culture into the cookie when the user signs in (or the cookie is refreshed).</summary>
    public sealed class ClaimsFactory(
        UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
        : UserClaimsPrincipalFactory<AppUser>(users, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            var culture = await db.Settings.IgnoreQueryFilters()
                .Where(s => s.OwnerId == user.Id).Select(s => s.Culture).FirstOrDefaultAsync();
            identity.AddClaim(new Claim(ClaimType, culture ?? new AccountSettings().Culture));
            return identity;
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
            o.RequestCultureProviders = [new FromClaim()];
        });
    }
}
