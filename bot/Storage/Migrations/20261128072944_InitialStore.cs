using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdoptionBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answer_feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AnswerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reaction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UserHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answer_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AnswerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ConversationType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AskerHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TopRelevance = table.Column<double>(type: "REAL", nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: false),
                    AskedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answer_feedback_AnswerId",
                table: "answer_feedback",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_questions_AnswerId",
                table: "questions",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_questions_AskedAtUtc",
                table: "questions",
                column: "AskedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answer_feedback");

            migrationBuilder.DropTable(
                name: "questions");
        }
    }
}
