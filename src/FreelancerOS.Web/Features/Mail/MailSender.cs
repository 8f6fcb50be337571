using FreelancerOS.Web.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;

namespace FreelancerOS.Web.Features.Mail;

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public sealed record OutgoingMail(IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Body, MailAttachment? Attachment = null);

/// <summary>Where messages go when an account has no SMTP server: .eml files in the data folder.</summary>
public sealed class MailOutbox(string folder)
{
    public string Folder { get; } = folder;
}

/// <summary>The SMTP password at rest: encrypted with the app's data-protection keys, never shown again.</summary>
public sealed class SmtpPasswords(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("FreelancerOS.Mail.SmtpPassword.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string? Unprotect(string? protectedPassword) => protectedPassword is null ? null : _protector.Unprotect(protectedPassword);
}

/// <summary>
/// Sends one message with the account's SMTP settings through MailKit, or writes it as an .eml file to
/// the outbox folder when no SMTP host is set (the app stays usable without a mail server). Throws on
/// any failure: the caller records it and decides about retrying.
/// </summary>
public sealed class MailSender(SmtpPasswords passwords, MailOutbox outbox, TimeProvider clock)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns where it went ("smtp.example.com" or the .eml file's name).</summary>
    public async Task<string> SendAsync(MailSettings settings, string fallbackFrom, string? fallbackName, OutgoingMail mail, CancellationToken ct)
    {
        var message = Build(settings, fallbackFrom, fallbackName, mail);
        if (!settings.UsesSmtp) return await WriteEmlAsync(message, ct);

        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await smtp.ConnectAsync(settings.SmtpHost!.Trim(), settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
            await smtp.AuthenticateAsync(settings.SmtpUser, passwords.Unprotect(settings.ProtectedPassword) ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
        return settings.SmtpHost!.Trim();
    }

    private MimeMessage Build(MailSettings settings, string fallbackFrom, string? fallbackName, OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, Date = clock.GetUtcNow() };
        var from = string.IsNullOrWhiteSpace(settings.FromAddress) ? fallbackFrom : settings.FromAddress.Trim();
        message.From.Add(new MailboxAddress(settings.FromName ?? fallbackName ?? "", from));
        message.To.AddRange(mail.To.Select(MailboxAddress.Parse));
        message.Cc.AddRange(mail.Cc.Select(MailboxAddress.Parse));
        var body = new BodyBuilder { TextBody = mail.Body };
        if (mail.Attachment is { } a) body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task<string> WriteEmlAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(outbox.Folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(outbox.Folder, name);
        await message.WriteToAsync(path, ct);
        return $"written to {name} in the outbox folder";
    }
}
