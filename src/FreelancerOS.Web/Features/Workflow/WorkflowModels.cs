using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>The grid's filter, bound from the query string (also read back from the page URL after an in-place edit).</summary>
public sealed class WorkflowFilter
{
    /// <summary>all (default), month, lastmonth, year, custom.</summary>
    public string? Period { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Client { get; set; }
    public bool Unlinked { get; set; }

    /// <summary>yes (received), no (not received) or empty.</summary>
    public string? Received { get; set; }
    public string? Q { get; set; }
    public int Page { get; set; } = 1;

    public string EffectivePeriod => Period is "month" or "lastmonth" or "year" or "custom" ? Period : "all";

    public (DateOnly? From, DateOnly? To) Range(DateOnly today) =>
        new LedgerFilter { Period = EffectivePeriod, From = From, To = To }.Range(today);

    public IQueryable<Income> Apply(IQueryable<Income> query, int? clientCategoryId, DateOnly today) =>
        Narrow(query.Where(i => i.CategoryId == clientCategoryId), today);

    /// <summary>The same, with the category's id as a subquery (one statement fewer than reading it first).</summary>
    public IQueryable<Income> Apply(IQueryable<Income> query, IQueryable<int> clientCategoryId, DateOnly today) =>
        Narrow(query.Where(i => i.CategoryId == clientCategoryId.FirstOrDefault()), today);

    private IQueryable<Income> Narrow(IQueryable<Income> query, DateOnly today)
    {
        var (from, to) = Range(today);
        if (from is { } f) query = query.Where(i => i.Date >= f);
        if (to is { } t) query = query.Where(i => i.Date <= t);
        if (Client is { } c) query = query.Where(i => i.ClientId == c);
        if (Unlinked) query = query.Where(i => i.InvoiceId == null || i.ClientId == null || i.ProjectId == null);
        if (Received == "yes") query = query.Where(i => i.PaymentModeId != null);
        else if (Received == "no") query = query.Where(i => i.PaymentModeId == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(i => i.Description.ToLower().Contains(text));
        }
        return query;
    }

    public static WorkflowFilter FromQuery(IQueryCollection q)
    {
        static int? Int(string? s) => int.TryParse(s, out var v) ? v : null;
        static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : null;
        return new WorkflowFilter
        {
            Period = q["period"], From = Date(q["from"]), To = Date(q["to"]), Client = Int(q["client"]),
            Unlinked = q["unlinked"].Any(v => v is "true" or "on"), Received = q["received"], Q = q["q"], Page = Int(q["page"]) ?? 1,
        };
    }
}

public sealed record WorkflowRow(
    int Id, DateOnly Date, string Description, decimal Amount, string Currency, int? InvoiceId, int? ClientId, int? ProjectId,
    int? ServiceId, int? PaymentModeId, int Version);

public sealed record InvoiceOption(int Id, string? Number, DateOnly IssueDate, int ClientId, string ClientName, string Currency, InvoiceStatus Status,
    decimal Total, decimal AmountPaid)
{
    public string Label => (Number ?? $"Draft {IssueDate:yyyy-MM-dd}") + $" – {ClientName} ({Status}, {Domain.Currency.Format(Total - AmountPaid, Currency)} open)";
}

public sealed record WorkClientOption(int Id, string Name, string Currency);

public sealed record WorkProjectOption(int Id, string Name, int ClientId);

public sealed record WorkServiceOption(int Id, string Name, int ProjectId);

/// <summary>The select options of the rows of one page, loaded once for the page (never per row).</summary>
public sealed record WorkflowOptions(
    IReadOnlyList<InvoiceOption> Invoices, IReadOnlyList<WorkClientOption> Clients, IReadOnlyList<WorkProjectOption> Projects,
    IReadOnlyList<WorkServiceOption> Services, IReadOnlyList<ModeOption> Modes)
{
    /// <summary>The row's own invoice, and the open ones in its currency (of its client when it has one).</summary>
    public IEnumerable<InvoiceOption> InvoicesFor(WorkflowRow r) => Invoices.Where(i => i.Id == r.InvoiceId
        || (i.Currency == r.Currency && (r.ClientId == null || i.ClientId == r.ClientId) && i.Status is InvoiceStatus.Draft or InvoiceStatus.Sent or InvoiceStatus.Overdue));

    public IEnumerable<WorkProjectOption> ProjectsFor(WorkflowRow r) => Projects.Where(p => p.Id == r.ProjectId || r.ClientId == null || p.ClientId == r.ClientId);

    /// <summary>
    /// The row's project's services, or without a project those of every project it may pick. The projects are
    /// gathered once per row: searching them again for each service cost 30 ms a page with a busy client list.
    /// </summary>
    public IEnumerable<WorkServiceOption> ServicesFor(WorkflowRow r)
    {
        if (r.ProjectId is { } p) return Services.Where(s => s.Id == r.ServiceId || s.ProjectId == p);
        var projects = ProjectsFor(r).Select(x => x.Id).ToHashSet();
        return Services.Where(s => s.Id == r.ServiceId || projects.Contains(s.ProjectId));
    }

    public string? InvoiceLabel(int? id) => Invoices.FirstOrDefault(i => i.Id == id)?.Label;
    public InvoiceOption? Invoice(int? id) => Invoices.FirstOrDefault(i => i.Id == id);

    private string? _clientOptions;
    private Dictionary<int, WorkClientOption>? _clientsById;

    public WorkClientOption? Client(int? id) =>
        id is { } key && (_clientsById ??= Clients.ToDictionary(c => c.Id)).TryGetValue(key, out var c) ? c : null;

    /// <summary>
    /// Every client as options, encoded once per page and reused (the grid's shared list, the filter), with the chosen
    /// client marked, instead of running an option tag helper per client.
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent ClientOptionsHtml(int? selected)
    {
        _clientOptions ??= string.Concat(Clients.Select(c =>
            $"<option value=\"{c.Id}\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(c.Name)}</option>"));
        return new Microsoft.AspNetCore.Html.HtmlString(selected is { } id
            ? _clientOptions.Replace($"<option value=\"{id}\">", $"<option value=\"{id}\" selected=\"selected\">", StringComparison.Ordinal)
            : _clientOptions);
    }
}

public sealed record WorkflowTotal(string Currency, decimal Amount, decimal Received, int Count);

public sealed record WorkflowRowView(WorkflowRow Row, WorkflowOptions Options, string ReturnUrl, string? Message = null, bool Saved = false);

public sealed record WorkflowPage(WorkflowFilter Filter, Paged<WorkflowRow> Rows, IReadOnlyList<WorkflowTotal> Totals, WorkflowOptions Options, string ReturnUrl);

/// <summary>A row's links as posted by one cell of the grid or by the row edit page.</summary>
public sealed class WorkflowRowForm
{
    public int? InvoiceId { get; set; }
    public int? ClientId { get; set; }
    public int? ProjectId { get; set; }
    public int? ServiceId { get; set; }
    public int? PaymentModeId { get; set; }
    public int Version { get; set; }
    public string? ReturnUrl { get; set; }

    public IncomeLinkChange ToChange() => new(InvoiceId, ClientId, ProjectId, ServiceId, PaymentModeId);
}

/// <summary>"New client" / "new project" from a row: a name, and the row's version.</summary>
public sealed class WorkflowNameForm
{
    public string? Name { get; set; }
    public int Version { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class WorkflowNameFormValidator : AbstractValidator<WorkflowNameForm>
{
    public WorkflowNameFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(200).WithMessage("At most 200 characters.");
    }
}

public sealed record WorkflowNamePage(WorkflowRow Row, WorkflowNameForm Form, string What, string? ClientName);
