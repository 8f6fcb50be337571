using System.Text.RegularExpressions;

namespace FreelancerOS.Web.Domain;

/// <summary>
/// Subject and body templates with {placeholders}. Only the known names are replaced; a template with
/// another name in braces is refused on save (see <see cref="UnknownPlaceholders"/>), so a typo such as
/// {duedate} does not reach a client as typed.
/// </summary>
public static partial class MailTemplates
{
    public static readonly IReadOnlyList<string> Placeholders = ["number", "amount", "due_date", "link", "client", "business"];

    public const string DefaultInvoiceSubject = "Invoice {number} from {business}";
    public const string DefaultInvoiceBody =
        "Hello {client},\n\nPlease find attached invoice {number} for {amount}, due on {due_date}.\n{link}\n\nThank you,\n{business}";

    public static (string Subject, string Body) DefaultReminder(int daysFromDue) => daysFromDue < 0
        ? ("Reminder: invoice {number} is due on {due_date}",
           "Hello {client},\n\nA friendly reminder that invoice {number} for {amount} is due on {due_date}.\n{link}\n\nThank you,\n{business}")
        : ("Overdue: invoice {number} was due on {due_date}",
           "Hello {client},\n\nInvoice {number} for {amount} was due on {due_date} and is still open. Please arrange the payment, or tell me if something is wrong.\n{link}\n\nThank you,\n{business}");

    /// <summary>The suggested reminders: 3 days before the due date; 7, 14 and 30 days after it.</summary>
    public static readonly IReadOnlyList<int> DefaultReminderDays = [-3, 7, 14, 30];

    [GeneratedRegex(@"\{([^{}\s]{1,40})\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyList<string> UnknownPlaceholders(string? template) =>
        template is null ? [] : Placeholder().Matches(template).Select(m => m.Groups[1].Value)
            .Where(n => !Placeholders.Contains(n)).Distinct().ToList();

    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}
