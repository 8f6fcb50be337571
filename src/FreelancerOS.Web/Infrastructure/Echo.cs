namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A typed value repeated back in a message, a flash or a log line: at most a short prefix, control
/// characters shown as '?'. A 100,000-character value echoed whole ends up in the TempData cookie and the
/// browser gets 431 on every request after.
/// </summary>
public static class Echo
{
    public const int MaxLength = 40;

    public static string Short(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var head = value.Length > MaxLength ? value[..MaxLength] : value;
        var chars = head.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        // A half surrogate pair at the cut would not encode.
        if (chars.Length > 0 && char.IsHighSurrogate(chars[^1])) chars[^1] = '?';
        return new string(chars) + (value.Length > MaxLength ? "…" : "");
    }
}
