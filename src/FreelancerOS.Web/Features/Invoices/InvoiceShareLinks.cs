using System.Security.Cryptography;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The link a client opens to see an issued invoice without signing in. E-mails (sending, reminders)
/// put it in their body through this seam, so mail does not depend on how links are stored.
/// </summary>
public interface IInvoiceShareLinks
{
    /// <summary>
    /// The invoice's public address under <paramref name="baseUrl"/> (e.g. "https://books.example.com/"),
    /// created when the invoice has none yet; null when the invoice cannot be shared (a draft) or links
    /// are not available. Saves its own changes.
    /// </summary>
    Task<string?> LinkForAsync(Invoice invoice, string baseUrl, CancellationToken ct);
}

public enum ShareOutcome { Done, NotFound, Refused }

/// <summary>
/// Public links: a random token per issued invoice, stored as is (the owner copies the link again from
/// the invoice page and e-mails carry it, so it cannot be a one-way hash like the calendar feed's).
/// </summary>
public sealed class InvoiceShareLinks(AppDbContext db, TimeProvider clock) : IInvoiceShareLinks
{
    /// <summary>256 random bits, URL-safe: 43 characters.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string PathFor(string token) => $"/i/{token}";

    public async Task<string?> LinkForAsync(Invoice invoice, string baseUrl, CancellationToken ct)
    {
        if (invoice.Status == InvoiceStatus.Draft) return null;
        if (invoice.PublicToken is null)
        {
            var (outcome, _) = await CreateAsync(invoice.Id, ct);
            if (outcome != ShareOutcome.Done) return null;
            invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id, ct);
        }
        return baseUrl.TrimEnd('/') + PathFor(invoice.PublicToken!);
    }

    /// <summary>Creates the link when the invoice has none (an existing one is kept: it may already be in a client's mailbox).</summary>
    public async Task<(ShareOutcome Outcome, string? Message)> CreateAsync(int invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return (ShareOutcome.NotFound, null);
        if (invoice.PublicToken is not null) return (ShareOutcome.Done, null);
        try
        {
            invoice.ShareWith(NewToken());
        }
        catch (DomainException e)
        {
            return (ShareOutcome.Refused, e.Message);
        }
        db.InvoiceEvents.Add(new InvoiceEvent(invoice.Id, InvoiceEventKind.LinkCreated, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (ShareOutcome.Done, null);
    }

    public async Task<ShareOutcome> RevokeAsync(int invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return ShareOutcome.NotFound;
        if (invoice.RevokePublicLink())
        {
            db.InvoiceEvents.Add(new InvoiceEvent(invoice.Id, InvoiceEventKind.LinkRevoked, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        return ShareOutcome.Done;
    }

    /// <summary>
    /// The invoice behind a token and its owner, or null. The one lookup that runs with nobody signed in,
    /// hence without the owner filter: it reads two columns of the one row whose token matches exactly.
    /// </summary>
    public async Task<(int InvoiceId, string OwnerId)?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        var found = await db.Invoices.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.PublicToken == token && i.Status != InvoiceStatus.Draft)
            .Select(i => new { i.Id, i.OwnerId }).SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.OwnerId);
    }

    /// <summary>
    /// Records the link's first view, once: the flag is set by a conditional update, so two simultaneous
    /// first requests record one view. Runs as the invoice's owner (the caller acts as them).
    /// </summary>
    public async Task RecordViewAsync(int invoiceId, string token, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = await db.Invoices.Where(i => i.Id == invoiceId && i.PublicToken == token && !i.PublicLinkViewed)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PublicLinkViewed, true), ct);
        if (first == 0) return;
        db.InvoiceEvents.Add(new InvoiceEvent(invoiceId, InvoiceEventKind.ViewedByClient, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
