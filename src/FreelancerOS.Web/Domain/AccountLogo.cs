namespace FreelancerOS.Web.Domain;

/// <summary>
/// The logo printed on the account's invoices: its bytes in a table of their own (like receipts), so that
/// reading the settings never loads them. One per account.
/// </summary>
public class AccountLogo : OwnedEntity
{
    public const int MaxBytes = 512 * 1024;

    public byte[] Content { get; private set; } = [];
    public string ContentType { get; private set; } = "image/png";
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Replace(byte[] content, string contentType, DateTimeOffset now)
    {
        if (content.Length is 0 or > MaxBytes) throw new DomainException("The logo must be at most 512 KB.", "Logo");
        if (SniffType(content) != contentType) throw new DomainException("The logo must be a PNG or JPEG image.", "Logo");
        Content = content;
        ContentType = contentType;
        UpdatedAt = now;
    }

    /// <summary>The type the bytes really have (whatever the file is called); null when not a PNG or JPEG.</summary>
    public static string? SniffType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        return null;
    }
}
