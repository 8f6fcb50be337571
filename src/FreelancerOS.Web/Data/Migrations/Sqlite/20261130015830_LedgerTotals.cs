using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerMonthTotals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentModeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    HomeAmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMonthTotals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerMonthTotals_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_CategoryId_Count_HomeAmountMinor",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Count", "HomeAmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_CategoryId_Currency",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Currency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerMonthTotals");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries");
        }
    }
}
