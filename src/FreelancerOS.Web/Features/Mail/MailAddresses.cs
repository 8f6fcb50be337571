using MimeKit;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>
/// E-mail addresses as a person types them: one, or several separated by commas or semicolons. Stricter
/// than MIME's parser (which accepts a bare word as a local mailbox): each needs a local part and a
/// domain with a dot, and no display names.
/// </summary>
public static class MailAddresses
{
    public const int MaxRecipients = 20;

    public static IReadOnlyList<string> Split(string? input) =>
        (input ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsValid(string address)
    {
        if (address.Length > 254 || address.Any(char.IsWhiteSpace) || address.Any(c => c is '<' or '>' or '"' or '(' or ')' or ','))
            return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.IndexOf('@') != at) return false;
        var domain = address[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")) return false;
        return MailboxAddress.TryParse(address, out var parsed) && parsed.Address == address;
    }

    /// <summary>Null when every address is valid, else the message to show next to the field.</summary>
    public static string? Problem(string? input, bool required)
    {
        var list = Split(input);
        if (list.Count == 0) return required ? "Enter an e-mail address." : null;
        if (list.Count > MaxRecipients) return $"At most {MaxRecipients} addresses.";
        var bad = list.FirstOrDefault(a => !IsValid(a));
        return bad is null ? null : $"'{Infrastructure.Echo.Short(bad)}' is not a valid e-mail address (like name@example.com).";
    }
}
