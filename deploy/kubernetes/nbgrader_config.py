"""nbgrader settings of every single-user pod (copied to /etc/jupyter by the Dockerfile)."""

c = get_config()  # noqa: F821 -- given by nbgrader
c.CourseDirectory.course_id = "asm_course"     # the same id as the trainer pipeline
c.Exchange.root = "/srv/nbgrader/exchange"      # the ReadWriteMany volume of values.yaml
