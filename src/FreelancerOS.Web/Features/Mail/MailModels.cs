using FluentValidation;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Mail;

public sealed class MailSettingsForm
{
    public string? SmtpHost { get; set; }
    public int? SmtpPort { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? SmtpUser { get; set; }

    /// <summary>Write-only: empty keeps the saved password; never rendered back into the page.</summary>
    public string? Password { get; set; }
    public bool ClearPassword { get; set; }

    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string? InvoiceSubject { get; set; }
    public string? InvoiceBody { get; set; }
    public bool RemindersEnabled { get; set; }
    public string? PublicBaseUrl { get; set; }
    public List<ReminderForm> Reminders { get; set; } = [];

    public IEnumerable<ReminderForm> FilledReminders => Reminders.Where(r => !r.IsBlank && !r.Remove);

    public static MailSettingsForm From(MailSettings s, IReadOnlyList<ReminderRule> rules) => new()
    {
        SmtpHost = s.SmtpHost, SmtpPort = s.SmtpPort, Security = s.Security, SmtpUser = s.SmtpUser,
        FromAddress = s.FromAddress, FromName = s.FromName, InvoiceSubject = s.InvoiceSubject, InvoiceBody = s.InvoiceBody,
        RemindersEnabled = s.RemindersEnabled, PublicBaseUrl = s.PublicBaseUrl,
        Reminders = (s.Id == 0 && rules.Count == 0
                ? MailTemplates.DefaultReminderDays.Select(d => (d, MailTemplates.DefaultReminder(d).Subject, MailTemplates.DefaultReminder(d).Body))
                : rules.Select(r => (r.DaysFromDue, r.Subject, r.Body)))
            .Select(r => ReminderForm.For(r.Item1, r.Item2, r.Item3)).ToList(),
    };

    public MailSettingsForm WithBlankRow()
    {
        Reminders = Reminders.Where(r => !r.IsBlank).ToList();
        var (subject, body) = MailTemplates.DefaultReminder(1);
        if (Reminders.Count < MaxReminders) Reminders.Add(new ReminderForm { When = ReminderForm.After, Subject = subject, Body = body, IsNew = true });
        return this;
    }

    public const int MaxReminders = 10;

    public void ApplyTo(MailSettings s, SmtpPasswords passwords)
    {
        s.SmtpHost = Trimmed(SmtpHost);
        s.SmtpPort = SmtpPort ?? 587;
        s.Security = Security;
        s.SmtpUser = Trimmed(SmtpUser);
        if (ClearPassword) s.ProtectedPassword = null;
        else if (!string.IsNullOrEmpty(Password)) s.ProtectedPassword = passwords.Protect(Password);
        s.FromAddress = Trimmed(FromAddress);
        s.FromName = Trimmed(FromName);
        s.InvoiceSubject = InvoiceSubject!.Trim();
        s.InvoiceBody = InvoiceBody!;
        s.RemindersEnabled = RemindersEnabled;
        s.PublicBaseUrl = Trimmed(PublicBaseUrl) is { } url ? url.TrimEnd('/') + "/" : null;
    }

    private static string? Trimmed(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}

public sealed class ReminderForm
{
    public const string Before = "before";
    public const string After = "after";

    public int? Days { get; set; }
    public string When { get; set; } = After;
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public bool Remove { get; set; }

    /// <summary>The extra row for a new reminder: ignored unless its days are filled in.</summary>
    public bool IsNew { get; set; }

    public bool IsBlank => Days is null && (IsNew || (string.IsNullOrWhiteSpace(Subject) && string.IsNullOrWhiteSpace(Body)));

    public int DaysFromDue => When == Before ? -(Days ?? 0) : Days ?? 0;

    public static ReminderForm For(int daysFromDue, string subject, string body) => new()
    {
        Days = Math.Abs(daysFromDue), When = daysFromDue < 0 ? Before : After, Subject = subject, Body = body,
    };
}

public sealed class MailSettingsFormValidator : AbstractValidator<MailSettingsForm>
{
    public MailSettingsFormValidator()
    {
        RuleFor(f => f.SmtpHost).MaximumLength(255).WithMessage("At most 255 characters.")
            .Must(h => h is null || !h.Trim().Any(c => char.IsWhiteSpace(c) || c is '/' or ':' or '@'))
            .WithMessage("Enter the server's host name only, like smtp.example.com (no spaces, no port, no scheme).");
        RuleFor(f => f.SmtpPort).NotNull().WithMessage("Enter the port (587 for StartTLS, 465 for SSL, 25 for none).")
            .InclusiveBetween(1, 65535).WithMessage("A port is a number from 1 to 65535.");
        RuleFor(f => f.Security).IsInEnum().WithMessage("Choose how the connection is secured.");
        RuleFor(f => f.SmtpUser).MaximumLength(255).WithMessage("At most 255 characters.");
        RuleFor(f => f.Password).MaximumLength(500).WithMessage("At most 500 characters.");
        RuleFor(f => f.FromAddress).Must(a => MailAddresses.Problem(a, required: false) is null && MailAddresses.Split(a).Count <= 1)
            .WithMessage(f => MailAddresses.Split(f.FromAddress).Count > 1 ? "Enter one address." : MailAddresses.Problem(f.FromAddress, false)!);
        RuleFor(f => f.FromAddress).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.SmtpHost))
            .WithMessage("Enter the address messages come from (your mail server may require its own).");
        RuleFor(f => f.FromName).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.InvoiceSubject).NotEmpty().WithMessage("Enter a subject.")
            .MaximumLength(MailSettings.MaxSubjectLength).WithMessage($"At most {MailSettings.MaxSubjectLength} characters.")
            .Must(NoUnknownPlaceholders).WithMessage(f => UnknownMessage(f.InvoiceSubject));
        RuleFor(f => f.InvoiceBody).NotEmpty().WithMessage("Enter the message.")
            .MaximumLength(MailSettings.MaxTemplateLength).WithMessage($"At most {MailSettings.MaxTemplateLength:N0} characters.")
            .Must(NoUnknownPlaceholders).WithMessage(f => UnknownMessage(f.InvoiceBody));
        RuleFor(f => f.PublicBaseUrl).MaximumLength(400).WithMessage("At most 400 characters.")
            .Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.Query)))
            .WithMessage("Enter the address people open this app at, like https://books.example.com/.");
        RuleFor(f => f.Reminders.Count).LessThanOrEqualTo(MailSettingsForm.MaxReminders + 1).OverridePropertyName("Reminders")
            .WithMessage($"At most {MailSettingsForm.MaxReminders} reminders.");
        RuleFor(f => f.FilledReminders.Count()).LessThanOrEqualTo(MailSettingsForm.MaxReminders).OverridePropertyName("Reminders")
            .WithMessage($"At most {MailSettingsForm.MaxReminders} reminders.");
        RuleFor(f => f).Must(f => f.FilledReminders.GroupBy(r => r.DaysFromDue).All(g => g.Count() == 1)).OverridePropertyName("Reminders")
            .WithMessage("Two reminders fall on the same day; change or remove one.");
        RuleForEach(f => f.Reminders).Where(r => !r.IsBlank && !r.Remove).ChildRules(r =>
        {
            r.RuleFor(x => x.Days).NotNull().WithMessage("Enter the number of days.")
                .InclusiveBetween(0, ReminderRule.MaxDays).WithMessage($"From 0 to {ReminderRule.MaxDays} days.");
            r.RuleFor(x => x.When).Must(w => w is ReminderForm.Before or ReminderForm.After).WithMessage("Choose before or after the due date.");
            r.RuleFor(x => x.Subject).NotEmpty().WithMessage("Enter a subject.")
                .MaximumLength(MailSettings.MaxSubjectLength).WithMessage($"At most {MailSettings.MaxSubjectLength} characters.")
                .Must(NoUnknownPlaceholders).WithMessage(x => UnknownMessage(x.Subject));
            r.RuleFor(x => x.Body).NotEmpty().WithMessage("Enter the message.")
                .MaximumLength(MailSettings.MaxTemplateLength).WithMessage($"At most {MailSettings.MaxTemplateLength:N0} characters.")
                .Must(NoUnknownPlaceholders).WithMessage(x => UnknownMessage(x.Body));
        });
    }

    private static bool NoUnknownPlaceholders(string? template) => MailTemplates.UnknownPlaceholders(template).Count == 0;

    private static string UnknownMessage(string? template) =>
        $"Unknown placeholder{(MailTemplates.UnknownPlaceholders(template).Count == 1 ? "" : "s")} " +
        $"{string.Join(", ", MailTemplates.UnknownPlaceholders(template).Select(n => "{" + Infrastructure.Echo.Short(n) + "}"))}: " +
        $"use {string.Join(", ", MailTemplates.Placeholders.Select(n => "{" + n + "}"))}.";
}

public sealed class SendForm
{
    public string? To { get; set; }
    public string? Cc { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
}

public sealed class SendFormValidator : AbstractValidator<SendForm>
{
    public SendFormValidator()
    {
        RuleFor(f => f.To).Must(a => MailAddresses.Problem(a, required: true) is null).WithMessage(f => MailAddresses.Problem(f.To, true)!);
        RuleFor(f => f.Cc).Must(a => MailAddresses.Problem(a, required: false) is null).WithMessage(f => MailAddresses.Problem(f.Cc, false)!);
        RuleFor(f => f.Subject).NotEmpty().WithMessage("Enter a subject.")
            .MaximumLength(MailSettings.MaxSubjectLength).WithMessage($"At most {MailSettings.MaxSubjectLength} characters.")
            .Must(s => s is null || !s.Contains('\n') && !s.Contains('\r')).WithMessage("The subject is one line.");
        RuleFor(f => f.Body).NotEmpty().WithMessage("Enter the message.")
            .MaximumLength(MailSettings.MaxTemplateLength).WithMessage($"At most {MailSettings.MaxTemplateLength:N0} characters.");
    }
}

public sealed record MailSettingsPage(MailSettingsForm Form, bool HasPassword, string OutboxFolder);

public sealed record SendPage(int InvoiceId, string Number, string ClientName, SendForm Form, bool UsesSmtp, string OutboxFolder);

public sealed record InvoiceMailPanel(int InvoiceId, bool CanSend, bool CanRemind, bool RemindersOff, bool RemindersEnabled, int ReminderCount, bool UsesSmtp);
