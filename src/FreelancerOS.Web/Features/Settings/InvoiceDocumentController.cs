using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Settings;

/// <summary>Settings → Invoice document: a sub-page of Settings (its form uploads a file).</summary>
public sealed class InvoiceDocumentController(InvoiceDocumentSettings documents) : Controller
{
    private const string ViewPath = "/Features/Settings/InvoiceDocument.cshtml";

    [HttpGet("/settings/invoice-document")]
    public async Task<IActionResult> Index() => View(ViewPath, await documents.FormAsync(HttpContext.RequestAborted));

    [HttpPost("/settings/invoice-document")]
    [RequestSizeLimit(4 * 1024 * 1024)]
    public async Task<IActionResult> Index(InvoiceDocumentForm form)
    {
        byte[]? logo = null;
        string? type = null;
        if (ModelState.IsValid && form.Logo is not null)
        {
            (logo, type, var error) = await InvoiceDocumentSettings.ReadLogoAsync(form.Logo, HttpContext.RequestAborted);
            if (error is not null) ModelState.AddModelError(nameof(form.Logo), error);
        }
        if (!ModelState.IsValid)
        {
            form.CurrentLogo = await documents.LogoUriAsync(HttpContext.RequestAborted);
            return View(ViewPath, form);
        }
        await documents.SaveAsync(form, logo, type, HttpContext.RequestAborted);
        TempData["Flash"] = "Invoice document settings saved.";
        return Redirect("/settings/invoice-document");
    }
}
