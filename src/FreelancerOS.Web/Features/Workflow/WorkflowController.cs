using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>
/// The workflow linking grid: every client income with its invoice, client, project, service and payment
/// mode, each a select that saves on change (htmx re-renders the row and the totals); the row edit page
/// does the same without JavaScript.
/// </summary>
public sealed class WorkflowController(WorkflowGrid grid) : Controller
{
    /// <summary>The scope of the page's shared option lists (<see cref="WorkflowOptions.Scope"/>), sent with each in-place edit.</summary>
    public const string ListsHeader = "X-Workflow-Lists";

    [HttpGet]
    public async Task<IActionResult> Index(WorkflowFilter filter) =>
        View(await grid.PageAsync(filter, Request.Path + Request.QueryString, HttpContext.RequestAborted));

    /// <summary>
    /// The long option lists of a page's rows (clients, open invoices, projects, services of the page's scope) as templates, which
    /// workflow.js asks for once the page is shown: the page itself stays small whatever the number of projects.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Lists(string? scope) =>
        PartialView("_Lists", await grid.ListsAsync(WorkflowScope.Parse(scope), HttpContext.RequestAborted));

    [HttpGet]
    public async Task<IActionResult> Edit(int id, string? returnUrl)
    {
        var row = await grid.RowAsync(id);
        if (row is null) return NotFound();
        return View(new WorkflowRowView(row, await grid.OptionsAsync([row]), SafeReturn(returnUrl)));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, WorkflowRowForm form)
    {
        var (found, refusal) = ModelState.IsValid
            ? await grid.SaveAsync(id, form, HttpContext.RequestAborted)
            : (await grid.RowAsync(id) is not null, "Choose from the lists.");
        return await AfterChangeAsync(id, found, refusal, form.ReturnUrl);
    }

    [HttpPost]
    public async Task<IActionResult> NewDraft(int id, int version, string? returnUrl)
    {
        var (found, refusal) = await grid.NewDraftAsync(id, version, HttpContext.RequestAborted);
        return await AfterChangeAsync(id, found, refusal, returnUrl);
    }

    [HttpGet]
    public Task<IActionResult> NewClient(int id, string? returnUrl) => NamePageAsync(id, "client", new WorkflowNameForm { ReturnUrl = returnUrl });

    [HttpPost]
    public async Task<IActionResult> NewClient(int id, WorkflowNameForm form)
    {
        if (!ModelState.IsValid) return await NamePageAsync(id, "client", form);
        var (found, refusal) = await grid.NewClientAsync(id, form.Version, form.Name!, HttpContext.RequestAborted);
        return await AfterNameAsync(id, "client", form, found, refusal);
    }

    [HttpGet]
    public Task<IActionResult> NewProject(int id, string? returnUrl) => NamePageAsync(id, "project", new WorkflowNameForm { ReturnUrl = returnUrl });

    [HttpPost]
    public async Task<IActionResult> NewProject(int id, WorkflowNameForm form)
    {
        if (!ModelState.IsValid) return await NamePageAsync(id, "project", form);
        var (found, refusal) = await grid.NewProjectAsync(id, form.Version, form.Name!, HttpContext.RequestAborted);
        return await AfterNameAsync(id, "project", form, found, refusal);
    }

    /// <summary>htmx: the row (with the refusal or conflict message, if any) and the totals out of band; otherwise back to the row, or the edit page with the message.</summary>
    private async Task<IActionResult> AfterChangeAsync(int id, bool found, string? refusal, string? returnUrl)
    {
        if (!found) return NotFound();
        var row = await grid.RowAsync(id);
        // A received income set back to "not received" on an issued invoice merges into its open income and is gone.
        if (row is null) return refusal is null && Request.IsHtmx() ? Content("", "text/html") : refusal is null ? Redirect(SafeReturn(returnUrl)) : NotFound();
        if (Request.IsHtmx())
        {
            var pageUrl = Request.Headers["HX-Current-URL"].ToString();
            var query = Uri.TryCreate(pageUrl, UriKind.Absolute, out var u) ? u.Query : "";
            var filter = WorkflowFilter.FromQuery(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
            ViewData["Totals"] = await grid.TotalsAsync(filter, await grid.ClientCategoryAsync(), HttpContext.RequestAborted);
            // As light as the page's rows when the page's shared lists hold what this row may pick (workflow.js sends their scope).
            var light = WorkflowOptions.ScopeHolds(Request.Headers[ListsHeader], row);
            return PartialView("_RowUpdate", new WorkflowRowView(row, await grid.OptionsAsync([row]), SafeReturn(returnUrl), refusal, refusal is null, light));
        }
        if (refusal is null) return Redirect(SafeReturn(returnUrl) + $"#row-{id}");
        ModelState.AddModelError("", refusal);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Edit", new WorkflowRowView(row, await grid.OptionsAsync([row]), SafeReturn(returnUrl), refusal));
    }

    private async Task<IActionResult> AfterNameAsync(int id, string what, WorkflowNameForm form, bool found, string? refusal)
    {
        if (!found) return NotFound();
        if (refusal is null) return Redirect(SafeReturn(form.ReturnUrl) + $"#row-{id}");
        ModelState.AddModelError("", refusal);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await NamePageAsync(id, what, form);
    }

    private async Task<IActionResult> NamePageAsync(int id, string what, WorkflowNameForm form)
    {
        var row = await grid.RowAsync(id);
        if (row is null) return NotFound();
        if (!ModelState.IsValid && form.Version == 0 || Request.Method == "GET") form.Version = row.Version;
        var options = await grid.OptionsAsync([row]);
        form.ReturnUrl = SafeReturn(form.ReturnUrl);
        return View("NewName", new WorkflowNamePage(row, form, what, options.Clients.FirstOrDefault(c => c.Id == row.ClientId)?.Name));
    }

    private string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && Url.IsLocalUrl(r) && r.StartsWith("/workflow", StringComparison.Ordinal) && !r.Contains('#') ? r : "/workflow";
}
