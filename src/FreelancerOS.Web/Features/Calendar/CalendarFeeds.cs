using System.Security.Cryptography;
using System.Text;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>The secret subscription address: one per account, only its hash stored.</summary>
public sealed class CalendarFeeds(AppDbContext db, TimeProvider clock)
{
    /// <summary>Replaces any earlier token (the old address stops working) and returns the new one, to show once.</summary>
    public async Task<string> RegenerateAsync()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync();
        if (feed is null)
        {
            feed = new CalendarFeed();
            db.CalendarFeeds.Add(feed);
        }
        feed.TokenHash = Hash(token);
        feed.CreatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return token;
    }

    public async Task RevokeAsync()
    {
        await db.CalendarFeeds.ExecuteDeleteAsync();
    }

    public Task<DateTimeOffset?> ActiveSinceAsync() =>
        db.CalendarFeeds.AsNoTracking().Select(f => (DateTimeOffset?)f.CreatedAt).FirstOrDefaultAsync();

    /// <summary>The account a token belongs to, or null. Runs before anyone is signed in, hence no owner filter.</summary>
    public async Task<string?> OwnerOfAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        return await db.CalendarFeeds.IgnoreQueryFilters().Where(f => f.TokenHash == hash).Select(f => f.OwnerId).FirstOrDefaultAsync();
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
