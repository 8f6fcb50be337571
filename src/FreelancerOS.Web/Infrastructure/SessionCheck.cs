using System.Security.Claims;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Checks the sign-in cookie on every request, so that signing out or changing the password ends every other
/// session at its next request. Identity's own validator (with a zero interval) reloads the user, their
/// claims and the culture and re-issues the cookie each time; this reads only the security stamp, with the
/// account's settings in the same statement (every page needs them for the culture, dates and currency),
/// and leaves the cookie as it is while the stamp matches.
/// </summary>
public static class SessionCheck
{
    private sealed record Row(string? SecurityStamp, AccountSettings? Settings);

    // Compiled once: every signed-in request runs it, and building and translating the query each time cost
    // about as much as running it. The owner filter reads the request's user, who is not known yet while the
    // cookie is being checked, hence IgnoreQueryFilters.
    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<Row?>>> StampAndSettings = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string userId, CancellationToken ct) => (
                from u in db.Users
                where u.Id == userId
                from s in db.Settings.IgnoreQueryFilters().Where(s => s.OwnerId == u.Id).DefaultIfEmpty()
                select new Row(u.SecurityStamp, s))
            .AsNoTracking().FirstOrDefault()));

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        if (userId is not null)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var row = await StampAndSettings.For(db)(db, userId, context.HttpContext.RequestAborted);
            if (row is not null && row.SecurityStamp == context.Principal!.FindFirstValue(claims.SecurityStampClaimType))
            {
                services.GetRequiredService<CurrentAccount>().Use(row.Settings);
                return;
            }
        }
        context.RejectPrincipal();
        await services.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
    }
}
