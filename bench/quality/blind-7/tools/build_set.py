#!/usr/bin/env python3
"""Builds qa.jsonl and conversations.jsonl for blind-7 from the tables below.
Run: python3 tools/build_set.py   (from /work/blind-7)"""
import json, unicodedata, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
A = {
 'TNPT': 'phuong-thong-nhat-phu-tho-truoc-dai-hoi-2025',
 'TNGL': 'phuong-thong-nhat-gia-lai-dai-hoi-2025',
 'HT1': 'xa-hoang-tien-ke-hai-tien-sat-lo-2025',
 'HT2': 'xa-hoang-tien-doi-thoai-2026',
 'VT': 'phuong-vinh-tuy-dang-huong-liet-si-2025',
 'BD': 'phuong-ba-dinh-gio-bo-phieu-2026',
 'PL': 'xa-phu-luong-tuyen-quang-dai-hoi-2025',
 'TD': 'xa-tan-doan-doi-thoai-nhan-dan-2025',
 'TP': 'xa-tan-phu-nghe-an-dai-hoi-2025',
 'DH': 'xa-dan-hai-di-doi-bao-so-5-2025',
 'HX': 'xa-hoa-xuan-dak-lak-khai-giang-2025',
 'BG': 'xa-binh-gia-tphcm-dai-hoi-2025',
 'PTH': 'phuong-phu-tho-hoa-kham-benh-nguoi-cao-tuoi-2025',
 'HN': 'xa-hau-nghia-tay-ninh-dai-hoi-2025',
 'TH': 'xa-tan-hung-dong-nai-khai-giang-2025',
 'VTR': 'xa-vinh-trach-hop-bao-tuan-7-2026',
}

# (id, article key(s), variant, kind, question, answer_contains)
Q = [
 # --- phường Thống Nhất, Phú Thọ
 ('tnpt-01','TNPT','plain','number','Đảng bộ phường Thống Nhất (Phú Thọ) có bao nhiêu đảng viên?',['1.603']),
 ('tnpt-02','TNPT','no-diacritics','list','phuong thong nhat phu tho duoc sap nhap tu nhung phuong nao',['Dân Chủ','Thái Bình']),
 ('tnpt-03','TNPT','paraphrase','date','Phường Thống Nhất ở Phú Thọ chính thức ra đời từ hôm nào?',['1/7/2025']),
 ('tnpt-04','TNPT','abbrev','number','p. Thống Nhất (PT) có bn chi bộ, đảng bộ trực thuộc?',['56']),
 ('tnpt-05','TNPT','colloquial','who','ông Nguyễn Trung Ngọc bên phường Thống Nhất Phú Thọ làm chức gì vậy ạ?',['Bí thư Chi bộ Tổ dân phố 11']),
 ('tnpt-06','TNPT','english','place','The part of Vay Nua commune that was merged into Thong Nhat ward (Phu Tho) used to belong to which district?',['Đà Bắc']),
 ('tnpt-07','TNPT','typo','yesno','phường Thống Nhất Phú Thọ có phải chỉ gộp từ mấy phường cũ thôi khôg, có thêm xã nào ko?',['Vầy Nưa']),
 # --- phường Thống Nhất, Gia Lai
 ('tngl-01','TNGL','plain','who','Ai được chỉ định làm Bí thư Đảng ủy phường Thống Nhất (Gia Lai) nhiệm kỳ 2025-2030?',['Trần Thị Hồng Nguyệt']),
 ('tngl-03','TNGL','abbrev','number','p. Thống Nhất (GL) có bn tổ chức đảng?',['40']),
 ('tngl-04','TNGL','colloquial','list','phường Thống Nhất bên Gia Lai gộp từ mấy phường nào z ad?',['Yên Thế','Đống Đa']),
 ('tngl-05','TNGL','english','who','Which provincial leader attended and directed the first Party congress of Thong Nhat ward in Gia Lai?',['Trần Minh Sơn']),
 ('tngl-06','TNGL','paraphrase','date','Đảng bộ phường Thống Nhất thuộc tỉnh Gia Lai họp đại hội lần đầu tiên sau sắp xếp vào ngày nào?',['18/8']),
 ('tngl-07','TNGL','current','who','Người đứng đầu Đảng ủy phường Thống Nhất, tỉnh Gia Lai hiện nay là ai?',['Trần Thị Hồng Nguyệt']),
 ('tngl-08','TNGL','typo','list','những tỉnh ủy viên nào dự đại hội đảng bộ phường Thống Nhât Gia Lai?',['Võ Anh Tuấn','Phan Quang Thái']),
 # --- xã Hoằng Tiến (older article, 2025-09-01)
 ('ht1-01','HT1','plain','number','Bờ kè ở xã Hoằng Tiến bị sạt lở tổng chiều dài khoảng bao nhiêu mét sau bão Kajiki?',['300']),
 ('ht1-02','HT1','no-diacritics','place','diem sat lo nang nhat o xa hoang tien sau bao kajiki la o thon nao',['Thanh Xuân']),
 ('ht1-03','HT1','paraphrase','date','Cơn bão Kajiki vào bờ, làm hư kè biển ở Hoằng Tiến (Thanh Hóa) hôm nào?',['25/8']),
 ('ht1-04','HT1','abbrev','number','kè biển Hải Tiến x. Hoằng Tiến (TH) tổng vốn đầu tư bn?',['140 tỷ']),
 ('ht1-05','HT1','english','date','In which year was the damaged section of the Hai Tien sea embankment in Hoang Tien commune built?',['2018']),
 ('ht1-06','HT1','colloquial','number','hố sạt lở gần resort ở Hải Tiến xã Hoằng Tiến dài khoảng bao nhiêu vậy ạ?',['20']),
 ('ht1-07','HT1','typo','yesno','đường ven biển ở thôn Thanh Xuân, xã Hoằng Tiến có bị sụt lún sát nhà dân khôg?',['20-30']),
 ('ht1-08','HT1','plain','who','Hồi bão Kajiki (cuối tháng 8/2025), ai là Chủ tịch UBND xã Hoằng Tiến?',['Nguyễn Thị Thu Hà']),
 # --- xã Hoằng Tiến (newer article, 2026-01-09)
 ('ht2-01','HT2','current','who','Chủ tịch UBND xã Hoằng Tiến hiện nay là ai?',['Lê Xuân Hoàn']),
 ('ht2-02','HT2','current','who',"Who is the current chairman of the People's Committee of Hoang Tien commune in Thanh Hoa?",['Lê Xuân Hoàn']),
 ('ht2-03','HT2','current','yesno','bà Nguyễn Thị Thu Hà bây giờ còn làm chủ tịch xã Hoằng Tiến ko ạ?',['Lê Xuân Hoàn']),
 ('ht2-04','HT2','current','who','chu tich ubnd xa hoang tien bay gio la ai',['Lê Xuân Hoàn']),
 ('ht2-05','HT2','current','who','Ai đang đứng đầu UBND xã Hoằng Tiến (Thanh Hóa)?',['Lê Xuân Hoàn']),
 ('ht2-06','HT2','plain','number','Tại hội nghị đối thoại ở xã Hoằng Tiến tháng 1/2026, người dân nêu bao nhiêu ý kiến, kiến nghị?',['10 ý kiến']),
 ('ht2-07','HT2','no-diacritics','number','hoi nghi doi thoai xa hoang tien co dai dien nhan dan bao nhieu thon',['27']),
 ('ht2-08','HT2','abbrev','who','bt đu, ct hđnd x. Hoằng Tiến là ai?',['Lê Văn Phúc']),
 ('ht2-09','HT2','typo','time','hội nghi đối thoại với dân ở xã Hoằng Tiến diễn ra buổi sáng hay buổi chiều?',['chiều']),
 ('ht2-10','HT2','paraphrase','list','Bà con Hoằng Tiến đã đề cập tới những nhóm vấn đề nào khi đối thoại với lãnh đạo xã?',['giao thông nông thôn','thủy lợi']),
 ('ht2-11','HT2','colloquial','yesno','ở Hoằng Tiến có ai kiến nghị vụ an toàn thực phẩm ở cổng trường không ạ?',['cổng trường học']),
 # --- phường Vĩnh Tuy
 ('vt-01','VT','plain','place','Nhà bia liệt sĩ phường Mai Động cũ (nay thuộc phường Vĩnh Tuy) nằm ở đâu?',['139 Tam Trinh']),
 ('vt-02','VT','no-diacritics','place','nha bia liet si phuong vinh tuy cu o so may duong nao',['96 Dương Văn Bé']),
 ('vt-03','VT','colloquial','place','nhà bia liệt sĩ Thanh Lương cũ bên phường Vĩnh Tuy ở chỗ nào vậy ad?',['121 Kim Ngưu']),
 ('vt-04','VT','abbrev','who','pbt thường trực đu p. Vĩnh Tuy (HN) là ai?',['Phùng Bích Nga']),
 ('vt-05','VT','current','who','Chủ tịch UBND phường Vĩnh Tuy (Hà Nội) hiện nay là ai?',['Vũ Văn Hoạt']),
 ('vt-06','VT','english','number','In July 2025 Vinh Tuy ward commemorated the anniversary of War Invalids and Martyrs Day: how many years was it?',['78 năm']),
 ('vt-07','VT','paraphrase','list','Đoàn của phường Vĩnh Tuy đã tới thắp hương tại những nơi nào?',['Ngọc Hồi','Hoàng Văn Thụ']),
 ('vt-08','VT','typo','date','phường Vĩnh Tuy dâng hương tưởng niệm liệt sỹ nhân ngày thương binh liêt sĩ vào ngày nào?',['21/7']),
 ('vt-09','VT','plain','yesno','Bí thư Đảng ủy phường Vĩnh Tuy có tham gia đoàn dâng hương tháng 7/2025 không?',['Nguyễn Quang Trung']),
 # --- phường Ba Đình
 ('bd-01','BD','plain','time','Ngày bầu cử 15/3/2026, cử tri phường Ba Đình bắt đầu bỏ phiếu từ mấy giờ?',['7h sáng']),
 ('bd-02','BD','no-diacritics','time','bo phieu ngay 15/3 o phuong ba dinh ket thuc luc may gio',['7h tối']),
 ('bd-03','BD','colloquial','time','tổ bầu cử ở phường Ba Đình cho bầu sớm nhất là mấy giờ vậy ạ?',['5h sáng']),
 ('bd-04','BD','typo','time','kết thúc bỏ phiêu muộn nhất được phép đến mấy giờ ở phường Ba Đình?',['9h tối']),
 ('bd-05','BD','paraphrase','yesno','Ở phường Ba Đình, tổ bầu cử có thể mở cho dân bỏ phiếu từ 4 giờ sáng được không?',['5h sáng']),
 ('bd-06','BD','english','date','According to Ba Dinh ward, on what date is the election for the 16th National Assembly held?',['15/3/2026']),
 ('bd-07','BD','abbrev','date','p. Ba Đình (HN) tập huấn sơ cấp cứu cho nv y tế phục vụ bầu cử hôm nào?',['12/3']),
 # --- xã Phú Lương, Tuyên Quang
 ('pl-02','PL','no-diacritics','list','xa phu luong tuyen quang sap nhap tu nhung xa nao',['Đại Phú','Tam Đa']),
 ('pl-03','PL','abbrev','number','dt x. Phú Lương (TQ) bn km2?',['85']),
 ('pl-04','PL','english','number','What is the population of Phu Luong commune in Tuyen Quang?',['27.300']),
 ('pl-05','PL','paraphrase','date','Phú Lương ở Tuyên Quang tiến hành đại hội đảng bộ đầu tiên của xã mới vào ngày nào?',['6/8']),
 ('pl-06','PL','colloquial','who','đại hội xã Phú Lương bên Tuyên Quang có ông đại tá nào về dự thế ạ?',['Hoàng Ngọc Định']),
 ('pl-07','PL','typo','yesno','xã Phú Lương Tuyên Quang có hoàn thành chỉ tiêu nhiêm kỳ 2020-2025 không?',['cơ bản hoàn thành']),
 # --- xã Tân Đoàn, Lạng Sơn
 ('td-02','TD','no-diacritics','number','hoi nghi doi thoai xa tan doan lang son co bao nhieu dai bieu dai dien nhan dan',['63']),
 ('td-03','TD','abbrev','date','KH số 14-KH/ĐU của đu x. Tân Đoàn (LS) ban hành ngày nào?',['23/9/2025']),
 ('td-04','TD','current','who','Chủ tịch UBND xã Tân Đoàn (Lạng Sơn) hiện nay là ai?',['Vũ Ngọc Hà']),
 ('td-05','TD','english','number','How many villages does Tan Doan commune in Lang Son have?',['21']),
 ('td-06','TD','typo','time','hội nghị đối thoai ở xã Tân Đoàn tổ chức buổi sáng hay chiều?',['sáng']),
 ('td-07','TD','current','who','bí thư đảng ủy xã Tân Đoàn bây giờ là ai z?',['Hứa Phong Lan']),
 ('td-08','TD','paraphrase','date','Buổi gặp gỡ, đối thoại giữa lãnh đạo xã Tân Đoàn và bà con diễn ra hôm nào?',['8/10/2025']),
 # --- xã Tân Phú, Nghệ An
 ('tp-02','TP','no-diacritics','list','xa tan phu nghe an duoc sap nhap tu nhung xa nao',['Hoàn Long','Nghĩa Thái']),
 ('tp-03','TP','abbrev','number','thu nhập bq đầu người x. Tân Phú (NA) đạt bn?',['62 triệu']),
 ('tp-04','TP','english','number','What is the natural area of Tan Phu commune in Nghe An, in square kilometres?',['93,32']),
 ('tp-05','TP','paraphrase','yesno','Ở xã Tân Phú (Nghệ An), có phải trường nào cũng đạt chuẩn quốc gia?',['100%']),
 ('tp-06','TP','colloquial','number','hộ nghèo ở xã Tân Phú bên Nghệ An còn bao nhiêu % ạ?',['0,02%']),
 ('tp-07','TP','typo','who','ai dự đại hội đảng bộ xã Tân Phú Nghê An từ phía tỉnh?',['Ngọc Kim Nam']),
 ('tp-08','TP','current','number','Xã Tân Phú (Nghệ An) hiện nay có bao nhiêu xóm?',['30']),
 # --- xã Đan Hải, Hà Tĩnh
 ('dh-01','DH','plain','time','Lệnh di dời dân tránh bão số 5 ở xã Đan Hải (Hà Tĩnh) bắt đầu từ mấy giờ?',['14h']),
 ('dh-02','DH','no-diacritics','time','den may gio thi xa dan hai cuong che nguoi dan khong chiu di doi tranh bao',['17h']),
 ('dh-03','DH','colloquial','number','xã Đan Hải phải di dời bao nhiêu hộ vậy ạ?',['655']),
 ('dh-04','DH','abbrev','who','ct ubnd x. Đan Hải (HT) là ai?',['Trần Quỳnh Thao']),
 ('dh-05','DH','english','place','In Dan Hai commune, where was the gathering point for households that could not evacuate by themselves?',['mầm non']),
 ('dh-06','DH','paraphrase','number','Lúc bão số 5 sắp vào, nước biển chỉ còn cách con đê Hội Thống khoảng bao xa?',['15']),
 ('dh-07','DH','typo','place','tàu thuyền ở Đan Hải neo đâu tránh bão ở cảng nào?',['Cửa Hội']),
 ('dh-09','DH','current','yesno','bây giờ ai là chủ tịch UBND xã Đan Hải, có phải ông Trần Quỳnh Thao không?',['Trần Quỳnh Thao']),
 # --- xã Hòa Xuân, Đắk Lắk
 ('hx-01','HX','plain','number','Năm học 2025-2026, xã Hòa Xuân (Đắk Lắk) đón bao nhiêu học sinh?',['2.806']),
 ('hx-02','HX','no-diacritics','number','xa hoa xuan dak lak nhan bao nhieu suat qua dip khai giang',['264']),
 ('hx-03','HX','colloquial','time','lễ khai giảng ở xã Hòa Xuân (Đắk Lắk) phát trực tiếp trên VTV1 từ mấy giờ vậy ad?',['8h']),
 ('hx-04','HX','typo','time','chương trình truyền hình trực tiếp khai giảng ở Hòa Xuân Đắk Lắk kết thúc lúc mây giờ?',['9h30']),
 ('hx-05','HX','abbrev','place','pbt thường trực đu x. Hòa Xuân (ĐL) dự khai giảng ở trường nào?',['Lê Thánh Tôn']),
 ('hx-06','HX','english','number','What was the total value of the gifts given to schools and students in Hoa Xuan commune, Dak Lak?',['114.250.000']),
 ('hx-07','HX','paraphrase','number','Bao nhiêu phần quà được dành riêng cho học sinh có gia đình chịu ảnh hưởng bởi dự án đường liên vùng ở Hòa Xuân (Đắk Lắk)?',['30 suất']),
 ('hx-08','HX','current','who','Phó Bí thư Thường trực Đảng ủy xã Hòa Xuân (Đắk Lắk) hiện nay là ai?',['Lương Minh Nhất']),
 # --- xã Bình Giã, TP.HCM
 ('bg-02','BG','no-diacritics','number','dan so xa binh gia tphcm la bao nhieu',['34.775']),
 ('bg-03','BG','abbrev','list','x. Bình Giã (tp.hcm) hình thành từ đảng bộ những xã nào?',['Quảng Thành','Bình Trung']),
 ('bg-04','BG','english','who','Who attended and directed the first Party congress of Binh Gia commune in Ho Chi Minh City?',['Nguyễn Chí Trung']),
 ('bg-05','BG','paraphrase','yesno','Người Chơ ro có phải nhóm đông nhất trong cộng đồng dân tộc thiểu số ở xã Bình Giã không?',['81,56%']),
 ('bg-06','BG','colloquial','number','xã Bình Giã bên hcm rộng bao nhiêu km2 ạ?',['66,96']),
 ('bg-07','BG','typo','list','hai khâu đột phá của xã Bình Giã nhiêm kỳ 2025-2030 là gì?',['nông thôn mới kiểu mẫu','chuỗi giá trị nông sản']),
 ('bg-08','BG','current','number','Đảng bộ xã Bình Giã (TP.HCM) hiện có bao nhiêu đảng viên?',['400']),
 ('bg-09','BG','plain','date','Phiên chính thức Đại hội Đảng bộ xã Bình Giã (TP.HCM) diễn ra ngày nào?',['18/8']),
 # --- phường Phú Thọ Hòa, TP.HCM
 ('pth-01','PTH','plain','number','Ngày hội ở phường Phú Thọ Hòa khám cho bao nhiêu người cao tuổi?',['300']),
 ('pth-02','PTH','no-diacritics','number','tong gia tri chuong trinh kham benh nguoi cao tuoi phuong phu tho hoa la bao nhieu',['86 triệu']),
 ('pth-03','PTH','colloquial','yesno','khám ở phường Phú Thọ Hòa có mất tiền ko ạ, ai tài trợ z?',['Bệnh viện Thống Nhất']),
 ('pth-04','PTH','abbrev','who','ct ubmttq p. Phú Thọ Hòa là ai?',['Nguyễn Kim Tiên']),
 ('pth-05','PTH','english','list','For which conditions were elderly residents examined in depth at the Phu Tho Hoa ward health day?',['tim mạch','loãng xương']),
 ('pth-06','PTH','paraphrase','list','Những ai là phó chủ tịch Mặt trận phường Phú Thọ Hòa có mặt tại ngày hội?',['Nguyễn Ngọc Nga','Lưu Thị Trúc Mai']),
 ('pth-07','PTH','typo','list','cụ Vân 72 tuổi ở phường Phú Thọ Hòa bị bênh gì?',['cao huyết áp','loãng xương']),
 ('pth-08','PTH','current','who','Chủ tịch Ủy ban MTTQ phường Phú Thọ Hòa hiện nay là ai?',['Nguyễn Kim Tiên']),
 # --- xã Hậu Nghĩa, Tây Ninh
 ('hn-02','HN','no-diacritics','list','xa hau nghia tay ninh duoc thanh lap tu nhung don vi nao',['Đức Lập Thượng','Tân Mỹ']),
 ('hn-03','HN','abbrev','who','ct ubnd x. Hậu Nghĩa (TN) là ai?',['Trương Văn Hoàng']),
 ('hn-04','HN','english','number',"What share of Hau Nghia commune's economy does industry and construction account for?",['85,05%']),
 ('hn-05','HN','paraphrase','yesno','Xã Hậu Nghĩa có nằm gần biên giới với Campuchia không?',['Campuchia']),
 ('hn-06','HN','colloquial','number','đại hội xã Hậu Nghĩa Tây Ninh đề ra mấy chỉ tiêu vậy ạ?',['12 chỉ tiêu']),
 ('hn-07','HN','typo','number','tốc độ tăng trưởng kinh tê bình quân của xã Hậu Nghĩa giai đoạn 2020-2025 là bao nhiêu?',['4,67%']),
 ('hn-08','HN','current','who','Phó Bí thư Thường trực Đảng ủy xã Hậu Nghĩa hiện nay là ai?',['Võ Văn Cấp']),
 ('hn-09','HN','plain','place','Xã Hậu Nghĩa (Tây Ninh) trước đây thuộc huyện nào của tỉnh Long An cũ?',['Đức Hòa']),
 # --- xã Tân Hưng, Đồng Nai
 ('th-01','TH','plain','time','Lễ khai giảng ở các trường xã Tân Hưng (Đồng Nai) bắt đầu lúc mấy giờ?',['7 giờ']),
 ('th-02','TH','no-diacritics','number','xa tan hung dong nai co bao nhieu hoc sinh nam hoc 2025-2026',['5.734']),
 ('th-03','TH','colloquial','place','chủ tịch xã Tân Hưng bên Đồng Nai đi dự khai giảng ở trường nào ạ?',['Thanh An']),
 ('th-04','TH','abbrev','who','pbt thường trực đu x. Tân Hưng (ĐN) là ai?',['Nguyễn Quốc Cường']),
 ('th-05','TH','english','time','What time did the opening ceremonies start at the schools of Tan Hung commune, Dong Nai?',['7 giờ']),
 ('th-06','TH','paraphrase','number','Xã Tân Hưng ở Đồng Nai có tổng cộng mấy trường học?',['11']),
 ('th-07','TH','typo','place','phó bí thư thường trực xã Tân Hưng Đồng Nai tặng hoa ở trường mâm non nào?',['Mầm non Tân Hưng']),
 ('th-08','TH','current','who','Chủ tịch UBND xã Tân Hưng (Đồng Nai) bây giờ là ai?',['Nguyễn Vũ Tiến']),
 # --- xã Vĩnh Trạch, An Giang
 ('vtr-02','VTR','no-diacritics','number','xa vinh trach ho tro xay bao nhieu can nha dai doan ket',['22']),
 ('vtr-03','VTR','abbrev','who','bt đu, ct hđnd x. Vĩnh Trạch (AG) là ai?',['Nguyễn Thị Tuyết Minh']),
 ('vtr-04','VTR','english','number','How many Party members of Vinh Trach commune were commended for excellent performance in 2025?',['75']),
 ('vtr-05','VTR','paraphrase','yesno','Trong những ngày Tết, ở xã Vĩnh Trạch có xảy ra chuyện an ninh nghiêm trọng nào không?',['không xảy ra vụ việc nghiêm trọng']),
 ('vtr-06','VTR','colloquial','number','quà Tết cho người có công ở xã Vĩnh Trạch tổng bao nhiêu tiền ạ?',['806 triệu']),
 ('vtr-07','VTR','typo','who','chủ tịch ubnd xã Vĩnh Trach là ai?',['Nguyễn Thiện Bảo']),
 ('vtr-08','VTR','current','who','Phó Bí thư Thường trực Đảng ủy xã Vĩnh Trạch hiện nay là ai?',['Trần Thị Phong Lan']),
]

UNANS = [
 ('u-01','plain','Bí thư Đảng ủy phường Thống Nhất (Phú Thọ) là ai?'),
 ('u-02','no-diacritics','dien tich phuong thong nhat gia lai la bao nhieu km2'),
 ('u-03','abbrev','ct ubnd p. Thống Nhất (GL) là ai?'),
 ('u-04','paraphrase','Sau bão Kajiki, xã Hoằng Tiến phải sơ tán bao nhiêu hộ dân?'),
 ('u-05','plain','Phường Vĩnh Tuy (Hà Nội) có bao nhiêu dân?'),
 ('u-06','english','How many polling stations does Ba Dinh ward have?'),
 ('u-07','colloquial','bí thư xã Phú Lương bên Tuyên Quang là ai thế ạ?'),
 ('u-08','paraphrase','Tại buổi đối thoại ở xã Tân Đoàn (Lạng Sơn), bà con đã nêu tổng cộng mấy kiến nghị?'),
 ('u-09','current','Chủ tịch UBND xã Tân Phú (Nghệ An) hiện nay là ai?'),
 ('u-10','typo','Bão số 5 gây thiệt hai bao nhiêu tỷ đồng ở xã Đan Hải?'),
 ('u-11','plain','Chủ tịch UBND xã Hòa Xuân (Đắk Lắk) là ai?'),
 ('u-12','english','Who is the Party secretary of Binh Gia commune for the 2025-2030 term?'),
 ('u-13','colloquial','phường Phú Thọ Hòa có tổng cộng bao nhiêu người cao tuổi vậy ad?'),
 ('u-14','abbrev','đh đảng bộ x. Hậu Nghĩa (TN) có bn đại biểu dự?'),
 ('u-15','no-diacritics','bi thu dang uy xa tan hung dong nai la ai'),
 ('u-16','typo','Xã Vĩnh Trạch còn bao nhiêu hộ nghẻo?'),
]

AMB = [
 ('a-01','plain','Thống Nhất có bao nhiêu đảng viên?'),
 ('a-02','no-diacritics','dang bo thong nhat co bao nhieu chi bo va to chuc dang'),
 ('a-03','colloquial','ad ơi Thống Nhất được sáp nhập từ mấy phường cũ nào z?'),
 ('a-04','english','How many Party members does Thong Nhat have?'),
]

PAIR = [A['TNPT'], A['TNGL']]

def T(q, ac, key, kind):
    srcs = PAIR if key == 'PAIR' else ([] if key is None else [A[key]])
    return {'question': q, 'answer_contains': ac, 'sources': srcs, 'kind': kind}

CONV = [
 ('c01','follow-up',[T('Ai được chỉ định làm Bí thư Đảng ủy xã Hậu Nghĩa (Tây Ninh)?',['Trương Tấn Sơn'],'HN','who'),
                     T('còn phó bí thư thường trực?',['Võ Văn Cấp'],'HN','who'),
                     T('thế chủ tịch UBND xã?',['Trương Văn Hoàng'],'HN','who')]),
 ('c02','follow-up',[T('Xã Vĩnh Trạch (An Giang) trao bao nhiêu phần quà Tết?',['3.153'],'VTR','number'),
                     T('tổng kinh phí là bao nhiêu?',['1 tỷ 405 triệu'],'VTR','number'),
                     T('còn nhà Đại đoàn kết thì hỗ trợ mấy căn?',['22'],'VTR','number')]),
 ('c03','pronoun',[T('Ai chủ trì hội nghị đối thoại với Nhân dân ở xã Hoằng Tiến tháng 1/2026?',['Lê Văn Phúc','Lê Xuân Hoàn'],'HT2','list'),
                   T('ông Hoàn giữ chức gì?',['Chủ tịch UBND xã'],'HT2','who'),
                   T('ở đó người dân nêu bao nhiêu ý kiến?',['10 ý kiến'],'HT2','number')]),
 ('c04','clarification',[T('Thống Nhất có bao nhiêu đảng viên?',[],'PAIR','ambiguous'),
                         T('bên Gia Lai ạ',['2.513'],'TNGL','number'),
                         T('còn Thống Nhất bên Phú Thọ thì sao?',['1.603'],'TNPT','number')]),
 ('c05','clarification',[T('Thống Nhất được hợp thành từ những phường nào vậy?',[],'PAIR','ambiguous'),
                         T('ở Phú Thọ',['Dân Chủ','Thái Bình'],'TNPT','list')]),
 ('c06','clarification',[T('Đảng bộ Thống Nhất có bao nhiêu tổ chức đảng hay chi bộ trực thuộc?',[],'PAIR','ambiguous'),
                         T('Gia Lai nha',['40'],'TNGL','number'),
                         T('ai làm bí thư ở đó?',['Trần Thị Hồng Nguyệt'],'TNGL','who')]),
 ('c07','switch',[T('Đại hội Đảng bộ xã Tân Phú (Nghệ An) có bao nhiêu đại biểu chính thức?',['250'],'TP','number'),
                  T('còn xã Phú Lương bên Tuyên Quang có bao nhiêu đảng viên?',['1.080'],'PL','number'),
                  T('diện tích xã đó bao nhiêu?',['85'],'PL','number')]),
 ('c08','switch',[T('Chủ tịch UBND xã Đan Hải (Hà Tĩnh) là ai?',['Trần Quỳnh Thao'],'DH','who'),
                  T('thế chủ tịch UBND xã Tân Đoàn ở Lạng Sơn?',['Vũ Ngọc Hà'],'TD','who')]),
 ('c09','pronoun',[T('Lệnh di dời tránh bão số 5 ở xã Đan Hải bắt đầu lúc mấy giờ?',['14h'],'DH','time'),
                   T('đến mấy giờ thì họ cưỡng chế?',['17h'],'DH','time'),
                   T('người không tự đi được thì được đưa đến đâu?',['mầm non'],'DH','place')]),
 ('c10','unanswerable-follow-up',[T('Ngày hội ở phường Phú Thọ Hòa khám cho bao nhiêu người cao tuổi?',['300'],'PTH','number'),
                                  T('tổng giá trị bao nhiêu?',['86 triệu'],'PTH','number'),
                                  T('bệnh viện cử bao nhiêu bác sĩ xuống?',[],None,'unanswerable')]),
 ('c11','unanswerable-follow-up',[T('Ban Chấp hành Đảng bộ xã Bình Giã (TP.HCM) khóa I có bao nhiêu người?',['33'],'BG','number'),
                                  T('ai làm bí thư đảng ủy xã?',[],None,'unanswerable')]),
 ('c12','english',[T('Who co-chaired the dialogue meeting with residents in Tan Doan commune, Lang Son?',['Hứa Phong Lan','Vũ Ngọc Hà'],'TD','list'),
                   T('How many residents\' representatives attended?',['63'],'TD','number'),
                   T('From how many villages?',['21'],'TD','number')]),
 ('c13','pronoun',[T('Hồi bão Kajiki, ai là Chủ tịch UBND xã Hoằng Tiến?',['Nguyễn Thị Thu Hà'],'HT1','who'),
                   T('bà ấy cho biết kè bị sạt lở dài khoảng bao nhiêu?',['300'],'HT1','number'),
                   T('thế bây giờ chủ tịch xã Hoằng Tiến là ai?',['Lê Xuân Hoàn'],'HT2','who')]),
 ('c14','switch',[T('Nhà bia liệt sĩ phường Mai Động cũ, nay thuộc phường Vĩnh Tuy, ở đâu?',['139 Tam Trinh'],'VT','place'),
                  T('còn nhà bia của phường Thanh Lương cũ?',['121 Kim Ngưu'],'VT','place'),
                  T('chuyển sang phường Ba Đình: ngày 15/3/2026 bỏ phiếu từ mấy giờ?',['7h sáng'],'BD','time')]),
 ('c15','english',[T('How many students started the 2025-2026 school year in Hoa Xuan commune, Dak Lak?',['2.806'],'HX','number'),
                   T('How many gift packages did they receive?',['264'],'HX','number'),
                   T('At which school did the standing deputy Party secretary attend the ceremony?',['Lê Thánh Tôn'],'HX','place')]),
]

def nfc(x):
    if isinstance(x, str): return unicodedata.normalize('NFC', x)
    if isinstance(x, list): return [nfc(i) for i in x]
    if isinstance(x, dict): return {k: nfc(v) for k, v in x.items()}
    return x

def main():
    rows = []
    for qid, key, var, kind, q, ac in Q:
        rows.append({'id': qid, 'question': q, 'answer_contains': ac, 'sources': [A[key]], 'kind': kind, 'variant': var})
    for qid, var, q in UNANS:
        rows.append({'id': qid, 'question': q, 'answer_contains': [], 'sources': [], 'kind': 'unanswerable', 'variant': var})
    for qid, var, q in AMB:
        rows.append({'id': qid, 'question': q, 'answer_contains': [], 'sources': PAIR, 'kind': 'ambiguous', 'variant': var})
    with open(ROOT / 'qa.jsonl', 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(nfc(r), ensure_ascii=False) + '\n')
    with open(ROOT / 'conversations.jsonl', 'w', encoding='utf-8') as f:
        for cid, var, turns in CONV:
            f.write(json.dumps(nfc({'id': cid, 'turns': turns, 'variant': var}), ensure_ascii=False) + '\n')
    print(len(rows), 'questions;', len(CONV), 'conversations')

if __name__ == '__main__':
    main()
