using FluentValidation;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;

namespace FreelancerOS.Web.Features.Settings;

/// <summary>What the invoice document looks like: the logo, the default tax rate and the tax note.</summary>
public sealed class InvoiceDocumentForm
{
    public decimal? DefaultTaxRate { get; set; }
    public string? TaxNote { get; set; }
    public IFormFile? Logo { get; set; }
    public bool RemoveLogo { get; set; }

    /// <summary>For the page: the stored logo as a data: URI (the CSP allows data: images), or null.</summary>
    public string? CurrentLogo { get; set; }
}

public sealed class InvoiceDocumentFormValidator : AbstractValidator<InvoiceDocumentForm>
{
    public InvoiceDocumentFormValidator()
    {
        RuleFor(f => f.DefaultTaxRate).InclusiveBetween(0m, 100m).WithMessage("Enter a tax rate between 0 and 100 %.");
        RuleFor(f => f.TaxNote).MaximumLength(1000).WithMessage("At most 1000 characters.");
        RuleFor(f => f.Logo!.Length).LessThanOrEqualTo(AccountLogo.MaxBytes).OverridePropertyName(nameof(InvoiceDocumentForm.Logo))
            .WithMessage("The logo is too large: at most 512 KB. Save it smaller (e.g. 600 pixels wide) and upload it again.")
            .When(f => f.Logo is not null);
    }
}

public sealed class InvoiceDocumentSettings(AppDbContext db, TimeProvider clock)
{
    public async Task<InvoiceDocumentForm> FormAsync(CancellationToken ct)
    {
        var s = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        return new InvoiceDocumentForm { DefaultTaxRate = s.DefaultTaxRate, TaxNote = s.TaxNote, CurrentLogo = await LogoUriAsync(ct) };
    }

    public async Task<string?> LogoUriAsync(CancellationToken ct)
    {
        var logo = await db.Logos.AsNoTracking().Select(l => new { l.Content, l.ContentType }).FirstOrDefaultAsync(ct);
        return logo is null ? null : $"data:{logo.ContentType};base64,{Convert.ToBase64String(logo.Content)}";
    }

    /// <summary>Reads the upload; returns why it is refused (for the Logo field), or null with the bytes and type.</summary>
    public static async Task<(byte[]? Content, string? ContentType, string? Error)> ReadLogoAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0) return (null, null, "The file is empty. Choose a PNG or JPEG image.");
        if (file.Length > AccountLogo.MaxBytes) return (null, null, "The logo is too large: at most 512 KB.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = AccountLogo.SniffType(bytes);
        if (type is null) return (null, null, $"\"{Path.GetFileName(file.FileName)}\" is not a PNG or JPEG image (whatever its name says). Choose a PNG or JPEG file.");
        if (!CanDraw(bytes)) return (null, null, "This image cannot be read (it may be damaged). Save it again as PNG or JPEG and upload it.");
        return (bytes, type, null);
    }

    /// <summary>The PDF writer must be able to decode it, or the logo would silently be missing from every invoice.</summary>
    private static bool CanDraw(byte[] bytes)
    {
        try
        {
            using var image = XImage.FromStream(new MemoryStream(bytes, writable: false));
            return image.PixelWidth > 0 && image.PixelHeight > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    public async Task SaveAsync(InvoiceDocumentForm form, byte[]? logo, string? logoType, CancellationToken ct)
    {
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new AccountSettings();
            db.Settings.Add(settings);
        }
        settings.DefaultTaxRate = form.DefaultTaxRate;
        settings.TaxNote = string.IsNullOrWhiteSpace(form.TaxNote) ? null : form.TaxNote.Trim();
        var stored = await db.Logos.SingleOrDefaultAsync(ct);
        if (logo is not null)
        {
            if (stored is null) db.Logos.Add(stored = new AccountLogo());
            stored.Replace(logo, logoType!, clock.GetUtcNow());
        }
        else if (form.RemoveLogo && stored is not null)
        {
            db.Logos.Remove(stored);
        }
        await db.SaveChangesAsync(ct);
    }
}
